using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansVm.Sandbox;
using OrleansVm.Silo.Hosting;
using OrleansVm.Testing;

namespace OrleansVm.Cluster.Tests.InProcess;

/// <summary>
/// A fresh 3-silo <see cref="InProcessTestCluster"/> per test (the tests kill, stop and add silos),
/// with the production failover tuning and grain state and reminders in a store outside the silos,
/// so what a killed silo had saved is still there for the survivors.
/// </summary>
public sealed class ThreeSiloCluster : IAsyncDisposable
{
    public const string Package = "votes";
    public const string Domain = "ballot";

    private ThreeSiloCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Client => Cluster.Client;

    /// <summary>The grain factory of a silo: calls made from inside that silo.</summary>
    public IGrainFactory From(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    public IReadOnlyList<InProcessSiloHandle> ActiveSilos => [.. Cluster.Silos.Where(s => s.IsActive)];

    public static async Task<ThreeSiloCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.UseSharedStore(new OrleansVmTestStore());
        // A shared 2-core box runs 3 silos and 8 callers here: a 100 ms plugin turn limit would fail turns that merely waited for a core.
        builder.AddOrleansVm(o => o.Limits = SandboxLimits.Default with
        {
            LoadTimeout = TimeSpan.FromSeconds(10),
            RenderTimeout = TimeSpan.FromSeconds(5),
            EventTimeout = TimeSpan.FromSeconds(5),
        });
        builder.ConfigureSilo((_, silo) =>
        {
            FailoverTuning.Apply(silo);
            HandoverRetryFilter.AddTo(silo.Services);
            ClusterLeaveDrain.AddTo(silo.Services);
        });
        builder.ConfigureClient(client => HandoverRetryFilter.AddTo(client.Services));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            await cluster.Client.PublishPackageFromFileAsync(Package, PluginPath("votes.js"));
            return new ThreeSiloCluster(cluster);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A workspace where <see cref="Package"/> may read and write the shared <see cref="Domain"/>.</summary>
    public async Task<TestWorkspace> CreateWorkspaceAsync()
    {
        var workspace = await Client.CreateWorkspaceAsync(grantAsRequested: Package);
        await workspace.DefineDomainAsync(Domain, await File.ReadAllTextAsync(PluginPath("ballot.domain.js")));
        return workspace;
    }

    private static string PluginPath(string file) => Path.Combine(AppContext.BaseDirectory, "Plugins", file);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
