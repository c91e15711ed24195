using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orleans;
using OrleansVm.Grains;
using OrleansVm.Presets;

namespace OrleansVm.Silo.Startup;

/// <summary>Publishes the six preset packages. Idempotent: the same content under the same version is accepted again.</summary>
public sealed class PresetPublisher(IGrainFactory grains, ILogger<PresetPublisher> logger)
{
    public async Task PublishAllAsync()
    {
        foreach (var preset in PresetCatalog.LoadAll())
        {
            try
            {
                var result = await grains.GetGrain<IPackageGrain>(preset.PackageId).PublishAsync(preset.Version, preset.Code, ToManifest(preset.Manifest));
                logger.LogInformation("Preset {PackageId}@{Version} {Outcome}", preset.PackageId, preset.Version, result.Created ? "published" : "already published");
            }
            catch (OrleansVmException ex) when (ex.Code == ErrorCodes.PackageVersionExists)
            {
                // An older build published other content under this version; versions are immutable, so keep it.
                logger.LogWarning("Preset {PackageId}@{Version} differs from the version already published; keeping the published one", preset.PackageId, preset.Version);
            }
        }
    }

    /// <summary>A preset manifest (the publish body's <c>manifest</c>) as the grains' model.</summary>
    public static PackageManifest ToManifest(JsonObject manifest)
    {
        var capabilities = manifest["capabilities"] as JsonObject;
        return new PackageManifest(
            manifest["title"]?.GetValue<string>(),
            manifest["description"]?.GetValue<string>(),
            new CapabilityRequest(Strings(capabilities?["readShared"]), Strings(capabilities?["writeShared"])),
            Strings(manifest["modules"]));
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : [];
}
