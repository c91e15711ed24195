using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansVm.Presets;

namespace OrleansVm.Grains;

/// <summary>
/// Publishes the six preset packages. Idempotent: the same content under the same version is accepted again.
/// Runs as a silo startup task when <see cref="OrleansVmOptions.PublishPresets"/> is set; hosts that seed more
/// (the OrleansVm silo's demo workspace) call <see cref="PublishAllAsync"/> themselves.
/// </summary>
public sealed class PresetPublisher(IGrainFactory grains, ILogger<PresetPublisher>? logger = null) : IStartupTask
{
    private readonly ILogger _logger = logger ?? NullLogger<PresetPublisher>.Instance;

    public Task Execute(CancellationToken cancellationToken) => PublishAllAsync();

    public async Task PublishAllAsync()
    {
        foreach (var preset in PresetCatalog.LoadAll())
        {
            try
            {
                var result = await grains.Ref<IPackageGrain>(preset.PackageId)
                    .PublishAsync(preset.Version, preset.Code, PackageManifests.FromJson(preset.Manifest));
                _logger.PresetPublished(preset.PackageId, preset.Version, result.Created ? "published" : "already published");
            }
            catch (OrleansVmException ex) when (ex.Code == ErrorCodes.PackageVersionExists)
            {
                // An older build published other content under this version; versions are immutable, so keep it.
                _logger.PresetDiffers(preset.PackageId, preset.Version);
            }
        }
    }
}
