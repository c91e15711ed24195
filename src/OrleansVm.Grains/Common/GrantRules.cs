using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>Validation, normalization and intersection of grants and capability requests (capabilities.md).</summary>
public static class GrantRules
{
    /// <summary>Domain names trimmed, lower-cased, validated (VALIDATION_ERROR), de-duplicated and sorted; modules through the registry (MODULE_NOT_ALLOWED).</summary>
    public static Grants Normalize(Grants grants, NativeModuleRegistry modules) => new(
        Domains(grants.ReadShared, "readShared"),
        Domains(grants.WriteShared, "writeShared"),
        [.. modules.NormalizeNames(grants.Modules ?? [])]);

    public static PackageManifest Normalize(PackageManifest manifest, NativeModuleRegistry modules) => manifest with
    {
        Capabilities = new CapabilityRequest(
            Domains(manifest.Capabilities?.ReadShared, "capabilities.readShared"),
            Domains(manifest.Capabilities?.WriteShared, "capabilities.writeShared")),
        Modules = [.. modules.NormalizeNames(manifest.Modules ?? [])],
    };

    /// <summary>What an instance gets: the manifest's request intersected with the workspace's grant.</summary>
    public static Grants Effective(CapabilityRequest requested, IReadOnlyList<string> requestedModules, Grants granted) => new(
        [.. requested.ReadShared.Intersect(granted.ReadShared, StringComparer.Ordinal)],
        [.. requested.WriteShared.Intersect(granted.WriteShared, StringComparer.Ordinal)],
        [.. requestedModules.Intersect(granted.Modules, StringComparer.Ordinal)]);

    private static List<string> Domains(IReadOnlyList<string>? names, string field)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in names ?? [])
        {
            var name = (raw ?? "").Trim().ToLowerInvariant();
            Ids.Require(Ids.IsDomain(name), field, raw);
            result.Add(name);
        }

        return [.. result];
    }
}
