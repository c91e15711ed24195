using OrleansVm.Grains;
using OrleansVm.Silo.Api.Models;

namespace OrleansVm.Silo.Api;

/// <summary>
/// The instance list with each instance's effective grants (manifest ∩ workspace grant), computed from
/// the registry, the grants and the package manifests (the grains' own rule), so listing does not activate every instance.
/// </summary>
public static class InstanceListing
{
    public static async Task<IReadOnlyList<InstanceListItem>> ListAsync(IGrainFactory grains, string workspaceId)
    {
        var workspace = grains.Ref<IWorkspaceGrain>(workspaceId);
        var registrations = await workspace.ListInstancesAsync();
        if (registrations.Count == 0) return [];

        var grantsByPackage = (await workspace.ListGrantsAsync()).ToDictionary(g => g.PackageId, g => g.Grants);
        var manifests = new Dictionary<(string, string), PackageManifest>();
        foreach (var key in registrations.Select(r => (r.PackageId, r.Version)).Distinct())
        {
            var version = await grains.Ref<IPackageGrain>(key.PackageId).GetVersionAsync(key.Version);
            manifests[key] = version?.Manifest ?? PackageManifest.Empty;
        }

        return registrations
            .Select(r => new InstanceListItem(r.InstanceId, r.PackageId, r.Version, r.Title, r.Widgets, r.Status,
                Effective(manifests[(r.PackageId, r.Version)], grantsByPackage.GetValueOrDefault(r.PackageId) ?? Grants.None)))
            .ToList();
    }

    private static Grants Effective(PackageManifest manifest, Grants grant) =>
        GrantRules.Effective(manifest.Capabilities, manifest.Modules, grant);
}
