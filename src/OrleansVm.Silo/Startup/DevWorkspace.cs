using OrleansVm.Grains;
using OrleansVm.Presets;

namespace OrleansVm.Silo.Startup;

/// <summary>
/// The <c>demo</c> workspace, so the playground works out of the box: created if missing, and each
/// preset without a grant there gets exactly what its manifest asks. Grants an operator changed stay.
/// </summary>
public sealed class DevWorkspace(IGrainFactory grains, ILogger<DevWorkspace> logger)
{
    public async Task EnsureAsync(string workspaceId)
    {
        var workspace = grains.Ref<IWorkspaceGrain>(workspaceId);
        if (await workspace.GetInfoAsync() is null)
        {
            try
            {
                await workspace.CreateAsync();
                logger.DemoWorkspaceCreated(workspaceId);
            }
            catch (OrleansVmException ex) when (ex.Code == ErrorCodes.WorkspaceExists)
            {
                // Another silo created it first.
            }
        }

        var granted = (await workspace.ListGrantsAsync()).Select(g => g.PackageId).ToHashSet(StringComparer.Ordinal);
        foreach (var preset in PresetCatalog.LoadAll().Where(p => !granted.Contains(p.PackageId)))
        {
            var manifest = PackageManifests.FromJson(preset.Manifest);
            await workspace.PutGrantsAsync(preset.PackageId,
                new Grants(manifest.Capabilities.ReadShared, manifest.Capabilities.WriteShared, manifest.Modules));
            logger.PresetGranted(preset.PackageId, workspaceId);
        }
    }
}
