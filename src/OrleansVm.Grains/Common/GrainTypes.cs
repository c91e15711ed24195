namespace OrleansVm.Grains;

/// <summary>The grain type names the grains register under (stored with state: never change them).</summary>
public static class GrainTypes
{
    public const string Package = "package";
    public const string PackageCatalog = "package-catalog";
    public const string Workspace = "workspace";
    public const string WorkspaceCatalog = "workspace-catalog";
    public const string WorkspaceRegistryPage = "workspace-registry-page";
    public const string WorkspaceActivity = "workspace-activity";
    public const string WorkspaceEvents = "workspace-events";
    public const string PluginInstance = "plugin-instance";
    public const string SharedDomain = "shared-domain";
}
