using Orleans;
using Orleans.Runtime;
using OrleansVm.Presets;

namespace OrleansVm.Grains;

/// <summary>Publishes the preset plugins when the silo starts (idempotent: same content, same version).</summary>
internal sealed class PresetPublisher(IGrainFactory grains) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var preset in PresetCatalog.LoadAll())
            await grains.GetGrain<IPackageGrain>(preset.PackageId).PublishAsync(preset.Version, preset.Code, PackageManifests.FromJson(preset.Manifest));
    }
}
