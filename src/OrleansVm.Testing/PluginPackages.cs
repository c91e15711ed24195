using System.Text.Json.Nodes;
using OrleansVm.Grains;
using OrleansVm.Presets;

namespace OrleansVm.Testing;

/// <summary>Publishing plugin packages from a test: from a string, from files, or a preset.</summary>
public static class PluginPackages
{
    /// <summary>Publishes <paramref name="code"/> as <paramref name="packageId"/>@<paramref name="version"/> (the manifest in the HTTP API's shape, or none).</summary>
    public static Task<PublishResult> PublishPackageAsync(this IGrainFactory grains, string packageId, string code,
        JsonObject? manifest = null, string version = "1.0.0") =>
        grains.Ref<IPackageGrain>(packageId).PublishAsync(version, code,
            manifest is null ? PackageManifest.Empty : PackageManifests.FromJson(manifest));

    /// <summary>
    /// Publishes a plugin file; the manifest is read from <paramref name="manifestPath"/>, or else from
    /// `name.manifest.json` next to `name.js` when it exists.
    /// </summary>
    public static async Task<PublishResult> PublishPackageFromFileAsync(this IGrainFactory grains, string packageId, string codePath,
        string? manifestPath = null, string version = "1.0.0")
    {
        var code = await File.ReadAllTextAsync(codePath);
        manifestPath ??= Path.ChangeExtension(codePath, ".manifest.json");
        var manifest = File.Exists(manifestPath) ? JsonNode.Parse(await File.ReadAllTextAsync(manifestPath)) as JsonObject : null;
        return await grains.PublishPackageAsync(packageId, code, manifest, version);
    }

    /// <summary>Publishes one of the presets shipped with OrleansVm (counter, greeter-shared-state, ...).</summary>
    public static Task<PublishResult> PublishPresetAsync(this IGrainFactory grains, string presetId)
    {
        var preset = PresetCatalog.Load(presetId);
        return grains.PublishPackageAsync(preset.PackageId, preset.Code, preset.Manifest, preset.Version);
    }
}
