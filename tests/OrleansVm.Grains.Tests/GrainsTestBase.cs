using System.Text.Json.Nodes;
using Orleans.TestingHost;
using OrleansVm.Presets;
using OrleansVm.Sandbox;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// A one-silo Orleans <see cref="InProcessTestCluster"/> with OrleansVm over the storage (and
/// reminder table) a subclass chooses, storage that outlives a silo restart, and the helpers the
/// scenarios share. Every test gets a fresh cluster and storage.
/// </summary>
public abstract class GrainsTestBase : IAsyncLifetime
{
    /// <summary>
    /// Generous per-call time limits: the runaway still stops, legitimate calls never flake on a
    /// loaded machine. The memory budget is lifted because Jint allocates on every loop iteration,
    /// so in a 1 s budget `while (true) {}` would hit 32 MiB before its time (the sandbox's own
    /// tests cover memory limits).
    /// </summary>
    protected static readonly SandboxLimits TestLimits = SandboxLimits.Default with
    {
        MaxMemoryBytes = 1L << 40,
        LoadTimeout = TimeSpan.FromSeconds(5),
        RenderTimeout = TimeSpan.FromSeconds(1),
        EventTimeout = TimeSpan.FromSeconds(1),
    };

    /// <summary>Fails a chosen write of the grains' storage, whichever provider it is.</summary>
    protected StorageFaults Storage { get; } = new();

    /// <summary>Fails an instance's delivery to a domain, or loses the domain's answer (grain call filters).</summary>
    protected DeliveryFaults Faults { get; } = new();

    /// <summary>Makes instances call another workspace's domain (a grain call filter).</summary>
    protected DomainKeyForger Forger { get; } = new();

    /// <summary>Counts the silo's incoming grain calls; holds the next activity record call on demand.</summary>
    protected GrainCallWatch Calls { get; } = new();

    /// <summary>The built-in domains' journal slot count in these tests.</summary>
    protected const int JournalSlots = 4;

    protected InProcessTestCluster Cluster { get; private set; } = null!;

    protected IGrainFactory Client => Cluster.Client;

    /// <summary>The silo's services (one silo).</summary>
    protected IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    /// <summary>Before the cluster starts: create a database, a directory...</summary>
    protected virtual Task PrepareStorageAsync() => Task.CompletedTask;

    /// <summary>Registrations made before OrleansVm's (e.g. a storage of the test's own).</summary>
    protected virtual void AddStorage(InProcessTestClusterBuilder builder)
    {
    }

    /// <summary>Chooses the storage and reminders in OrleansVm's options.</summary>
    protected virtual void ConfigureStorage(OrleansVmOptions options)
    {
    }

    /// <summary>Options a test class sets beyond the defaults of <see cref="StartClusterAsync"/> (periods...).</summary>
    protected virtual void ConfigureOptions(OrleansVmOptions options)
    {
    }

    /// <summary>Services a test class adds to each silo (a fake clock...).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public async Task InitializeAsync()
    {
        await PrepareStorageAsync();
        Cluster = await StartClusterAsync();
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        AddStorage(builder);
        builder.AddOrleansVm(options =>
        {
            options.Limits = TestLimits;
            options.OutboxRetryPeriod = TimeSpan.FromMilliseconds(50);
            options.OutboxReminderPeriod = TimeSpan.FromSeconds(2);
            options.DeliveryTimeout = TimeSpan.FromSeconds(5);
            // Tiny journals, so every scenario that touches a built-in domain also wraps its journal and compacts.
            options.DomainJournalSlots = JournalSlots;
            options.DomainCompactionMinChanges = 16;
            ConfigureStorage(options);
            ConfigureOptions(options);
        });
        builder.WithStorageFaults(Storage);
        builder.AllowShortReminders(TimeSpan.FromSeconds(1));
        builder.ConfigureSilo((_, silo) =>
        {
            Faults.AddTo(silo);
            Forger.AddTo(silo);
            Calls.AddTo(silo);
            ConfigureSilo(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Stops the silo gracefully (grains deactivate and save) and starts it again over the same
    /// storage; the client reconnects, so grain references made before stay usable.
    /// </summary>
    protected async Task RestartSiloAsync()
    {
        var restarted = await Cluster.RestartSiloAsync(Cluster.Silos[0]);
        await WaitForClientAsync(restarted);
    }

    /// <summary>Kills the silo (no deactivation, nothing saved on the way out) and starts a new one over the same storage.</summary>
    protected async Task CrashAndRestartSiloAsync()
    {
        var silo = Cluster.Silos[0];
        await Cluster.KillSiloAsync(silo);
        var restarted = await Cluster.StartAdditionalSiloAsync();
        await WaitForClientAsync(restarted);
    }

    private async Task WaitForClientAsync(InProcessSiloHandle? silo)
    {
        Assert.NotNull(silo);
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    protected static PackageManifest ManifestOf(JsonObject json) => PackageManifests.FromJson(json);

    protected async Task PublishPresetsAsync()
    {
        foreach (var preset in PresetCatalog.LoadAll())
            await Client.GetGrain<IPackageGrain>(preset.PackageId).PublishAsync(preset.Version, preset.Code, ManifestOf(preset.Manifest));
    }

    protected Task<PublishResult> PublishTallyAsync(string packageId = "tally", PackageManifest? manifest = null) =>
        Client.GetGrain<IPackageGrain>(packageId).PublishAsync("1.0.0", TestCode.TallyPlugin, manifest ?? TestCode.TallyManifest());

    /// <summary>A new workspace where each given package gets exactly what its manifest asks for.</summary>
    protected async Task<IWorkspaceGrain> NewWorkspaceAsync(params string[] grantAsRequested)
    {
        var workspace = Client.GetGrain<IWorkspaceGrain>("ws-" + Guid.NewGuid().ToString("N")[..10]);
        await workspace.CreateAsync();
        foreach (var packageId in grantAsRequested) await GrantAsRequestedAsync(workspace, packageId);
        return workspace;
    }

    protected async Task GrantAsRequestedAsync(IWorkspaceGrain workspace, string packageId)
    {
        var manifest = (await Client.GetGrain<IPackageGrain>(packageId).GetVersionAsync(null))!.Manifest;
        await workspace.PutGrantsAsync(packageId, new Grants(manifest.Capabilities.ReadShared, manifest.Capabilities.WriteShared, manifest.Modules));
    }

    protected async Task DefineTallyDomainAsync(IWorkspaceGrain workspace) => await workspace.DefineDomainAsync("tally", TestCode.TallyDomain);

    protected static string Ws(IWorkspaceGrain workspace) => workspace.GetPrimaryKeyString();

    protected IPluginInstanceGrain Instance(string instanceId) => Client.GetGrain<IPluginInstanceGrain>(instanceId);

    protected Task<EventResponse> EventAsync(IWorkspaceGrain workspace, string instanceId, string widget, string handler, JsonNode? args = null) =>
        Instance(instanceId).HandleEventAsync(Ws(workspace), widget, handler, args);

    protected async Task<List<string>> RenderTextsAsync(IWorkspaceGrain workspace, string instanceId, string widget) =>
        Texts(await Instance(instanceId).RenderAsync(Ws(workspace), widget));

    /// <summary>Raw state of a domain as an operator sees it (the test client is an external caller).</summary>
    protected async Task<JsonNode?> DomainStateAsync(IWorkspaceGrain workspace, string domain) =>
        (await Client.GetGrain<ISharedDomainGrain>(DomainKeys.Of(Ws(workspace), domain)).GetRawAsync())?.State;

    /// <summary>Every text and badge of a UI tree, depth first.</summary>
    protected static List<string> Texts(JsonNode? node) => UiTrees.Texts(node);

    /// <summary>The rows of the first table of a UI tree.</summary>
    protected static List<List<string>> TableRows(JsonNode? node)
    {
        if (node is not JsonObject o) return [];
        if (o["kind"]?.GetValue<string>() == "table")
            return [.. o["props"]!["rows"]!.AsArray().Select(r => r!.AsArray().Select(c => c!.ToString()).ToList())];
        return o["children"] is JsonArray children ? children.Select(TableRows).FirstOrDefault(r => r.Count > 0) ?? [] : [];
    }

    protected static async Task<T> ThrowsCodeAsync<T>(string code, Func<Task> call) where T : Exception
    {
        var error = await Assert.ThrowsAsync<T>(call);
        var actual = error switch
        {
            OrleansVmException e => e.Code,
            SandboxException e => e.Code,
            _ => null,
        };
        Assert.Equal(code, actual);
        return error;
    }

    /// <summary>
    /// The call fails because of <typeparamref name="TFault"/>, possibly wrapped by Orleans on the way
    /// (a storage provider's failure arrives inside the runtime's own exception).
    /// </summary>
    protected static async Task FailsWithAsync<TFault>(Func<Task> call) where TFault : Exception
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(call);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is TFault) return;
        }

        Assert.Fail($"Expected {typeof(TFault).Name} in the chain, got {error}");
    }
}
