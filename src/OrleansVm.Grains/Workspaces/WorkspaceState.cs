namespace OrleansVm.Grains;

/// <summary>The persisted workspace: null <see cref="CreatedAt"/> means it was never created.</summary>
[GenerateSerializer]
public sealed class WorkspaceState
{
    [Id(0)]
    public DateTimeOffset? CreatedAt { get; set; }

    [Id(1)]
    public Dictionary<string, TokenRecord> Tokens { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, Grants> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Before registry pages: the whole registry in this record. Read once and moved into pages.</summary>
    [Id(3)]
    public Dictionary<string, RegisteredInstance> Instances { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public List<string> CustomDomains { get; set; } = [];

    /// <summary>How many registry pages exist (<see cref="IWorkspaceRegistryPageGrain"/>, keys `workspaceId/0` ...).</summary>
    [Id(5)]
    public int RegistryPages { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record TokenRecord(string TokenId, string Hash, DateTimeOffset CreatedAt);

/// <summary>An instance of the workspace with what its package version's manifest asks for (fixed for its life).</summary>
[GenerateSerializer, Immutable]
public sealed record RegisteredInstance(InstanceRegistration Registration, CapabilityRequest Requested, IReadOnlyList<string> RequestedModules);
