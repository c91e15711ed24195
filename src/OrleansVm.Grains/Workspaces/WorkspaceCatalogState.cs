namespace OrleansVm.Grains;

/// <summary>The persisted index.</summary>
public sealed class WorkspaceCatalogState
{
    public Dictionary<string, WorkspaceInfo> Workspaces { get; set; } = new(StringComparer.Ordinal);
}
