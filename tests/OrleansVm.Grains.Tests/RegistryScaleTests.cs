using Orleans.TestingHost;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>Creating an instance writes the same amount of state whatever the workspace's size.</summary>
public sealed class RegistryScaleTests : IAsyncLifetime
{
    private readonly OrleansVmTestStore _store = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.UseSharedStore(_store);
        builder.AddOrleansVm(o => o.RegistryPageSize = 64);
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_creation_writes_as_much_in_a_big_workspace_as_in_a_small_one()
    {
        await _cluster.Client.PublishPackageAsync("tally", TestCode.TallyPlugin);
        var workspace = await _cluster.Client.CreateWorkspaceAsync(grantAsRequested: "tally");
        var written = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var before = _store.BytesWritten;
            await workspace.CreateInstanceAsync("tally");
            written.Add(_store.BytesWritten - before);
        }

        // Creations k and k + 128 fill the same position of a 64-entry page: the same bytes, whatever came before.
        // With one registry record for the workspace, creation 138 would write ~10x what creation 10 writes.
        Assert.InRange(written[138], 1, written[10] * 3 / 2);
        Assert.InRange(written[191], 1, written[63] * 3 / 2);
        Assert.Equal(200, (await workspace.ListInstancesAsync()).Count);
    }
}
