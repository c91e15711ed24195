using Orleans.TestingHost;

namespace OrleansVm.Testing.Sample.Tests;

/// <summary>One two-silo in-process Orleans cluster with OrleansVm, shared by the suite (as a plugin author would set it up).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.AddOrleansVm();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Cluster.Client.PublishPackageFromFileAsync("votes", Path.Combine(AppContext.BaseDirectory, "plugins", "votes.js"));
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
