using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansVm.Sandbox;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// A test module: <c>hold(ms)</c> blocks its thread for <c>ms</c> while counting how many sandbox calls
/// are inside it at once, so a test sees the real concurrency of sandbox executions on the silo.
/// </summary>
public sealed class ProbeModule : NativeModule
{
    private int _inside;
    private int _peak;

    public override string Name => "probe";

    public override string Doc => "hold(ms): blocks, counting concurrent holders (tests only)";

    public int Peak => Volatile.Read(ref _peak);

    public override void Build(NativeModuleBuilder module) =>
        module.Function("hold", 1, args =>
        {
            var inside = Interlocked.Increment(ref _inside);
            int peak;
            while (inside > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inside, peak) != peak) { }
            Thread.Sleep((int)args[0].AsNumber());
            Interlocked.Decrement(ref _inside);
            return JsValue.Undefined;
        });
}

/// <summary>The sandbox gate, the incremental counter-summary, `domain.changed` for derived domains, one timestamp format.</summary>
public sealed class PerformanceScenarios : IAsyncLifetime
{
    private const string HoldPlugin = """
        definePlugin(function (ctx) {
          return {
            initialState: { n: 0 },
            reducers: { done: function (s) { return { n: s.n + 1 }; } },
            widgets: {
              main: {
                render: function () { return ctx.ui.text('hold'); },
                handlers: {
                  hold: function (h, args) { require('probe').hold(args); h.dispatchPluginAction('done'); },
                  spin: function () { while (true) {} }
                }
              }
            }
          };
        });
        """;

    private readonly ProbeModule _probe = new();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Client => _cluster.Client;

    private IServiceProvider SiloServices => _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress);

    public async Task InitializeAsync()
    {
        var registry = NativeModuleRegistry.CreateDefault();
        registry.Register(_probe);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton(registry)); // before AddOrleansVm, which only adds a default
        builder.AddOrleansVm(o =>
        {
            o.Limits = SandboxLimits.Default with { MaxMemoryBytes = 1L << 40, LoadTimeout = TimeSpan.FromSeconds(5), EventTimeout = TimeSpan.FromMilliseconds(1000) };
            o.MaxConcurrentSandboxCalls = 1;
            o.ActivityFlushPeriod = TimeSpan.FromMilliseconds(100);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<(IWorkspaceGrain Workspace, string Ws)> WorkspaceWithAsync(string packageId, string code, PackageManifest manifest)
    {
        await Client.GetGrain<IPackageGrain>(packageId).PublishAsync("1.0.0", code, manifest);
        var ws = "ws-" + Guid.NewGuid().ToString("N")[..10];
        var workspace = Client.GetGrain<IWorkspaceGrain>(ws);
        await workspace.CreateAsync();
        await workspace.PutGrantsAsync(packageId, new Grants(manifest.Capabilities.ReadShared, manifest.Capabilities.WriteShared, manifest.Modules));
        return (workspace, ws);
    }

    [Fact]
    public async Task SandboxGateAdmitsOneCallAtATimeAndTheBudgetStartsAfterAdmission()
    {
        var (workspace, ws) = await WorkspaceWithAsync("holder", HoldPlugin, new PackageManifest(null, null, new CapabilityRequest([], []), ["probe"]));
        var instances = new List<string>();
        for (var i = 0; i < 6; i++) instances.Add((await workspace.CreateInstanceAsync("holder", null)).InstanceId);
        foreach (var id in instances) await Client.GetGrain<IPluginInstanceGrain>(id).RenderAsync(ws, "main"); // sandboxes loaded

        // 6 concurrent events of 250 ms each with a 1 s budget: about 1.5 s in all. Each passes only if its clock
        // started when the gate admitted it, and the probe never sees two sandbox calls inside at once. (The 4x
        // headroom per call keeps a loaded CI box from tripping the budget on its own.)
        var results = await Task.WhenAll(instances.Select(id =>
            Client.GetGrain<IPluginInstanceGrain>(id).HandleEventAsync(ws, "main", "hold", JsonValue.Create(250))));

        Assert.All(results, r => Assert.Equal(1, r.State!["n"]!.GetValue<int>()));
        Assert.Equal(1, _probe.Peak);
        var gate = SiloServices.GetRequiredService<SandboxGate>();
        Assert.Equal(1, gate.Capacity);
        Assert.Equal(1, gate.Peak);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task RuntimeTimeoutStillStopsARunawayAndFreesTheGate()
    {
        var (workspace, ws) = await WorkspaceWithAsync("holder", HoldPlugin, new PackageManifest(null, null, new CapabilityRequest([], []), ["probe"]));
        var id = (await workspace.CreateInstanceAsync("holder", null)).InstanceId;
        var instance = Client.GetGrain<IPluginInstanceGrain>(id);

        var error = await Assert.ThrowsAsync<SandboxException>(() => instance.HandleEventAsync(ws, "main", "spin", null));
        Assert.Equal(SandboxErrorCodes.RuntimeTimeout, error.Code);

        var after = await instance.HandleEventAsync(ws, "main", "hold", JsonValue.Create(1)); // the slot was released
        Assert.Equal(1, after.State!["n"]!.GetValue<int>());
        Assert.Equal(0, SiloServices.GetRequiredService<SandboxGate>().Running);
    }

    [Fact]
    public async Task DerivedDomainsPublishDomainChanged()
    {
        var preset = OrleansVm.Presets.PresetCatalog.Load("counter");
        var manifest = new PackageManifest(null, null, new CapabilityRequest(["counter-summary"], ["counter-summary"]), []);
        var (workspace, ws) = await WorkspaceWithAsync("counter", preset.Code, manifest);
        var events = Client.GetGrain<IWorkspaceEventsGrain>(ws);
        var start = await events.GetLastIdAsync();

        var id = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await Client.GetGrain<IPluginInstanceGrain>(id).HandleEventAsync(ws, "counter", "increment", null);
        await workspace.RemoveInstanceAsync(id);

        var changed = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var after = start;
        while (DateTime.UtcNow < deadline && !(changed.Count(d => d == BuiltInDomains.RuntimeRegistry) >= 2 && changed.Contains(BuiltInDomains.RuntimeMetrics)))
        {
            var batch = await events.ReadAsync(after, TimeSpan.FromMilliseconds(500));
            after = batch.LastId;
            changed.AddRange(batch.Events.Where(e => e.Name == WorkspaceEventNames.DomainChanged).Select(e => e.Data["domain"]!.GetValue<string>()));
        }

        Assert.Equal(2, changed.Count(d => d == BuiltInDomains.RuntimeRegistry)); // create + remove
        Assert.Contains(BuiltInDomains.RuntimeMetrics, changed);                  // coalesced, after the dispatch
        Assert.Contains(BuiltInDomains.CounterSummary, changed);
    }

    [Fact]
    public async Task CounterSummaryTotalStaysExactOverManyUpdates()
    {
        var preset = OrleansVm.Presets.PresetCatalog.Load("counter");
        var manifest = new PackageManifest(null, null, new CapabilityRequest(["counter-summary"], ["counter-summary"]), []);
        var (workspace, ws) = await WorkspaceWithAsync("counter", preset.Code, manifest);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await workspace.CreateInstanceAsync("counter", null)).InstanceId);
        var expected = new Dictionary<string, int>();
        string[] handlers = ["increment", "increment", "decrement", "increment", "reset", "increment"];
        for (var round = 0; round < handlers.Length; round++)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var handler = handlers[(round + i) % handlers.Length];
                var result = await Client.GetGrain<IPluginInstanceGrain>(ids[i]).HandleEventAsync(ws, "counter", handler, null);
                expected[ids[i]] = result.State!["value"]!.GetValue<int>();
            }
        }

        var state = (await Client.GetGrain<ISharedDomainGrain>(DomainKeys.Of(ws, BuiltInDomains.CounterSummary)).GetRawAsync())!.State!;
        Assert.Equal(expected.Values.Sum(), state["totalValue"]!.GetValue<long>());
        Assert.Equal(3, state["instanceCount"]!.GetValue<int>());

        await workspace.RemoveInstanceAsync(ids[0]);
        state = (await Client.GetGrain<ISharedDomainGrain>(DomainKeys.Of(ws, BuiltInDomains.CounterSummary)).GetRawAsync())!.State!;
        Assert.Equal(expected[ids[1]] + expected[ids[2]], state["totalValue"]!.GetValue<long>());
        Assert.Equal(2, state["instanceCount"]!.GetValue<int>());
    }

    [Fact]
    public void TimestampsAreUtcWithZEverywhere()
    {
        var at = new DateTimeOffset(2026, 11, 22, 2, 24, 32, 676, TimeSpan.FromHours(2)).AddTicks(1558);
        var record = new DispatchRecord("counter@x#1", at, "shared", "set-instance", "counter@x", "counter-summary", "applied", null);

        Assert.Equal("2026-11-22T00:24:32.676Z", TimelineJson.Of(record)["timestamp"]!.GetValue<string>());
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampJsonConverter() } };
        var json = JsonNode.Parse(JsonSerializer.Serialize(record, options))!;
        Assert.Equal("2026-11-22T00:24:32.676Z", json["timestamp"]!.GetValue<string>());
        Assert.Equal(at.ToUnixTimeMilliseconds(), JsonSerializer.Deserialize<DateTimeOffset>("\"2026-11-22T00:24:32.676Z\"", options).ToUnixTimeMilliseconds());
    }
}
