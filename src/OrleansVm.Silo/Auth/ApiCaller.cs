namespace OrleansVm.Silo.Auth;

/// <summary>Who made a request: the operator, or a client of one workspace.</summary>
public sealed record ApiCaller(bool IsOperator, string? WorkspaceId)
{
    public static ApiCaller Operator { get; } = new(true, null);

    public static ApiCaller Client(string workspaceId) => new(false, workspaceId);

    /// <summary>Operators may use every workspace; a client only its own.</summary>
    public bool MayUse(string workspaceId) => IsOperator || WorkspaceId == workspaceId;
}
