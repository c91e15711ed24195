using Orleans.TestingHost;
using OrleansVm.Presets;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>What <c>AddOrleansVm</c> wires besides the grains.</summary>
public sealed class HostingScenarios
{
    [Fact]
    public async Task PublishPresets_publishes_every_preset_when_the_silo_starts()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.AddOrleansVm(o => o.PublishPresets = true);
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var listed = await cluster.Client.GetGrain<IPackageCatalogGrain>(IPackageCatalogGrain.Key).ListAsync();

        Assert.Equal(PresetCatalog.PackageIds.Order(StringComparer.Ordinal), listed.Select(p => p.PackageId));
        var counter = await cluster.Client.GetGrain<IPackageGrain>("counter").GetVersionAsync(null);
        Assert.Equal(["counter-summary"], counter!.Manifest.Capabilities.WriteShared);
    }
}
