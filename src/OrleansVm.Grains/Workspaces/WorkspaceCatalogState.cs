namespace OrleansVm.Grains;

/// <summary>The persisted index.</summary>
[GenerateSerializer]
public sealed class WorkspaceCatalogState
{
    [Id(0)]
    public Dictionary<string, WorkspaceInfo> Workspaces { get; set; } = new(StringComparer.Ordinal);
}
