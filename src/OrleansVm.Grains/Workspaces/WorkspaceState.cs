namespace OrleansVm.Grains;

/// <summary>The persisted workspace: null <see cref="CreatedAt"/> means it was never created.</summary>
public sealed class WorkspaceState
{
    public DateTimeOffset? CreatedAt { get; set; }

    public Dictionary<string, TokenRecord> Tokens { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Grants> Grants { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, RegisteredInstance> Instances { get; set; } = new(StringComparer.Ordinal);

    public List<string> CustomDomains { get; set; } = [];
}

public sealed record TokenRecord(string TokenId, string Hash, DateTimeOffset CreatedAt);

/// <summary>An instance of the workspace with what its package version's manifest asks for (fixed for its life).</summary>
public sealed record RegisteredInstance(InstanceRegistration Registration, CapabilityRequest Requested, IReadOnlyList<string> RequestedModules);
