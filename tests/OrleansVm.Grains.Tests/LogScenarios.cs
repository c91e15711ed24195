using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansVm.Sandbox;
using OrleansVm.Testing;
using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 11's "done when": a denied intent, a plugin timeout and a storage failure each leave exactly one line
/// with ids (at Warning, the level chosen for them); a failing outbox says so without flooding; a plugin's console
/// never reaches the silo's log.
/// </summary>
public sealed class LogScenarios : GrainsTestBase
{
    private readonly LogCapture _logs = new();

    protected override void AddStorage(InProcessTestClusterBuilder builder) =>
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton<ILoggerProvider>(_logs));

    /// <summary>Our lines (not Orleans' own) about one instance at Warning or above.</summary>
    private List<CapturedLog> WarningsAbout(string instanceId) =>
        [.. _logs.Entries.Where(e => e.Level >= LogLevel.Warning && e["InstanceId"] == instanceId)];

    [Fact]
    public async Task A_denied_intent_leaves_one_warning_with_its_ids()
    {
        await PublishTallyAsync(manifest: TestCode.TallyManifest(writeTally: false));
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        var denied = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];

        Assert.Equal("denied", denied.Outcome);
        var line = Assert.Single(WarningsAbout(tally));
        Assert.Equal(1001, line.EventId.Id);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(Ws(workspace), line["WorkspaceId"]);
        Assert.Equal(denied.DispatchId, line["DispatchId"]);
        Assert.Equal("tally", line["Domain"]);
        Assert.Contains(denied.DispatchId, line.Message);
    }

    [Fact]
    public async Task A_plugin_timeout_leaves_one_warning_with_its_ids()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.RuntimeTimeout, () => EventAsync(workspace, tally, "main", "spin"));

        var line = Assert.Single(WarningsAbout(tally));
        Assert.Equal(1002, line.EventId.Id);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(Ws(workspace), line["WorkspaceId"]);
        Assert.Equal(SandboxErrorCodes.RuntimeTimeout, line["Code"]);
        Assert.Equal("main", line["WidgetId"]);
    }

    [Fact]
    public async Task A_storage_failure_leaves_one_warning_with_its_ids()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        Storage.FailNextWriteOf("instance");
        await FailsWithAsync<SimulatedStorageFault>(() => EventAsync(workspace, tally, "main", "kvSet", new JsonObject { ["key"] = "k", ["value"] = 1 }));

        var line = Assert.Single(WarningsAbout(tally));
        Assert.Equal(1005, line.EventId.Id);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(Ws(workspace), line["WorkspaceId"]);
        Assert.Contains(nameof(SimulatedStorageFault), line["Error"]);
    }

    [Fact]
    public async Task An_unreachable_domain_is_logged_once_then_its_recovery()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        Storage.FailNextWriteOf("domain");
        var pending = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];
        Assert.Equal("pending", pending.Outcome);

        // The outbox retries (every 50 ms here) until the domain takes it.
        var recovered = await EventuallyAsync(() => _logs.Entries.FirstOrDefault(e => e.EventId.Id == 1008 && e["InstanceId"] == tally));
        Assert.Equal("tally", recovered["Domain"]);
        var failed = Assert.Single(_logs.Entries, e => e.EventId.Id == 1006 && e["InstanceId"] == tally);
        Assert.Equal(pending.DispatchId, failed["DispatchId"]);
        Assert.Equal(Ws(workspace), failed["WorkspaceId"]);
        Assert.Equal("tally", failed["Domain"]);
        var domainLine = Assert.Single(_logs.Entries, e => e.EventId.Id == 1102 && e["Domain"] == "tally" && e["WorkspaceId"] == Ws(workspace));
        Assert.Contains(nameof(SimulatedStorageFault), domainLine["Error"]);
        Assert.Equal(1, (await DomainStateAsync(workspace, "tally"))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_plugins_console_lines_stay_in_its_instance_log()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        var marker = "console-marker-" + Guid.NewGuid().ToString("N");

        await EventAsync(workspace, tally, "main", "log", new JsonObject { ["n"] = marker });

        Assert.Contains((await Instance(tally).GetLogsAsync(Ws(workspace))), l => l.Message.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.FullText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_dispatch_is_refused_by_the_domain_with_one_warning_naming_the_claimed_instance()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        var forged = await Client.GetGrain<IForgerGrain>(tally).ApplyAsAsync(DomainKeys.Of(Ws(workspace), "tally"), tally);

        Assert.Equal("denied", forged.Outcome);
        var line = Assert.Single(WarningsAbout(tally));
        Assert.Equal(1101, line.EventId.Id);
        Assert.Equal((Ws(workspace), "tally", $"{tally}#999"), (line["WorkspaceId"], line["Domain"], line["DispatchId"]));
    }

    [Fact]
    public async Task A_package_that_does_not_load_leaves_one_warning_without_the_plugins_message()
    {
        var secretish = "plugin-message-" + Guid.NewGuid().ToString("N");
        // Loads where its module is granted (publishing checks that), fails with its own message where it is not.
        var code = "definePlugin(function (ctx) { try { require('kv'); } catch (e) { throw new Error('" + secretish + "'); }"
            + " return { title: 'Broken', widgets: { main: { render: function () { return ctx.ui.text('x'); } } } }; });";
        await Client.GetGrain<IPackageGrain>("broken").PublishAsync("1.0.0", code, new PackageManifest(null, null, new CapabilityRequest([], []), ["kv"]));
        var workspace = await NewWorkspaceAsync();
        var broken = (await workspace.CreateInstanceAsync("broken", null)).InstanceId;

        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.PluginLoadError, () => Instance(broken).RenderAsync(Ws(workspace), "main"));

        var line = Assert.Single(WarningsAbout(broken));
        Assert.Equal(1004, line.EventId.Id);
        Assert.Equal(("broken", "1.0.0", SandboxErrorCodes.PluginLoadError), (line["PackageId"], line["Version"], line["Code"]));
        Assert.DoesNotContain(_logs.Entries, e => e.FullText.Contains(secretish, StringComparison.Ordinal));
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (probe() is { } found) return found;
            await Task.Delay(20, timeout.Token);
        }
    }
}
