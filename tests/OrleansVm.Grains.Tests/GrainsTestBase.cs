using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Presets;
using OrleansVm.Runtime;
using OrleansVm.Sandbox;
using OrleansVm.Storage;
using OrleansVm.TestingHost;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// A one-silo test cluster with the plugin grains over the storage a subclass chooses, and the
/// helpers the scenarios share. Every test gets a fresh cluster and storage.
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

    private FaultyStorage? _storage;

    /// <summary>The cluster's storage, able to fail a chosen write.</summary>
    protected FaultyStorage Storage => _storage!;

    protected TestFaultInjector Faults { get; } = new();

    protected TestCluster Cluster { get; private set; } = null!;

    protected IGrainFactory Client => Cluster.Client;

    protected abstract Task<IGrainStorage> CreateStorageAsync();

    public async Task InitializeAsync()
    {
        _storage = new FaultyStorage(await CreateStorageAsync());
        Cluster = new TestClusterBuilder(1)
            .UseStorage(_storage)
            .ConfigureSilo(silo => silo.AddOrleansVmGrains(options =>
            {
                options.Limits = TestLimits;
                options.OutboxRetryPeriod = TimeSpan.FromMilliseconds(50);
                options.DeliveryTimeout = TimeSpan.FromSeconds(5);
            }))
            .ConfigureServices(services => services.AddSingleton<IGrainFaultInjector>(Faults))
            .ConfigureSilo(silo => silo.AddGrain<IForgerGrain, ForgerGrain>())
            .Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_storage is not null) await _storage.DisposeAsync();
    }

    protected static PackageManifest ManifestOf(JsonObject json)
    {
        static List<string> Names(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
        var capabilities = json["capabilities"] as JsonObject;
        return new PackageManifest(json["title"]?.GetValue<string>(), json["description"]?.GetValue<string>(),
            new CapabilityRequest(Names(capabilities?["readShared"]), Names(capabilities?["writeShared"])), Names(json["modules"]));
    }

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
    protected static List<string> Texts(JsonNode? node)
    {
        var texts = new List<string>();
        void Walk(JsonNode? n)
        {
            if (n is not JsonObject o) return;
            if (o["text"] is JsonValue text) texts.Add(text.GetValue<string>());
            if (o["children"] is JsonArray children) foreach (var child in children) Walk(child);
        }

        Walk(node);
        return texts;
    }

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
}
