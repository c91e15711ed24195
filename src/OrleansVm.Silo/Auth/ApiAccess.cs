namespace OrleansVm.Silo.Auth;

/// <summary>Who may call a route (http-api.md, "who" column).</summary>
public enum ApiAccess
{
    /// <summary>No token needed (health).</summary>
    Anyone,

    /// <summary>The operator token or any live client token.</summary>
    AnyToken,

    /// <summary>The operator token only; a client token gets 403.</summary>
    Operator,

    /// <summary>The operator, or a client token of the route's <c>{ws}</c>; another workspace's token gets 404.</summary>
    WorkspaceClient,
}
