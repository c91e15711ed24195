namespace OrleansVm.Grains;

/// <summary>Stable error codes of http-api.md raised by the grains (sandbox codes pass through unchanged).</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string NotFound = "NOT_FOUND";
    public const string PackageNotFound = "PACKAGE_NOT_FOUND";
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";
    public const string DomainNotFound = "DOMAIN_NOT_FOUND";
    public const string WorkspaceNotFound = "WORKSPACE_NOT_FOUND";
    public const string PackageVersionExists = "PACKAGE_VERSION_EXISTS";
    public const string WorkspaceExists = "WORKSPACE_EXISTS";
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>A workspace's queue for sandbox slots is full (HTTP 429 with Retry-After); see <see cref="SandboxGate"/>.</summary>
    public const string Overloaded = "OVERLOADED";
    /// <summary>A per-workspace quota (details.quota, details.limit) is used up: the request changed nothing.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";

    /// <summary>A client token (or address) made requests faster than the silo's rate limit (HTTP 429 with Retry-After); nothing ran.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>Internal: an instance id is already taken (the workspace retries with a new one); never reaches the API.</summary>
    public const string InstanceExists = "INSTANCE_EXISTS";
}
