using System.Text.Json.Nodes;
using Orleans.Storage;
using OrleansVm.Grains;
using OrleansVm.Sandbox;

namespace OrleansVm.Silo.Api;

/// <summary>One error as the API answers it: status and envelope fields.</summary>
public sealed record ApiError(int Status, string Code, string Message, JsonObject? Details)
{
    /// <summary>Seconds for the <c>Retry-After</c> header (429 OVERLOADED), or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>True for server faults (logged with their exception, body without details).</summary>
    public bool IsServerFault => Status == StatusCodes.Status500InternalServerError;
}

/// <summary>
/// Maps every exception to http-api.md's status and code. Plugin faults (sandbox codes) are 422 and a
/// grain that cannot answer in time is 503; only what nobody anticipated becomes 500 INTERNAL.
/// </summary>
public static class ErrorMapping
{
    public static ApiError Map(Exception exception)
    {
        var ex = Unwrap(exception);
        return ex switch
        {
            ApiException api => From(api),
            // A workspace's sandbox queue is full (SandboxGate): the client retries later, nothing ran.
            OrleansVmException { Code: ErrorCodes.Overloaded } overloaded => new(429, overloaded.Code, overloaded.Message, overloaded.Details)
            {
                RetryAfterSeconds = overloaded.Details?["retryAfterSeconds"]?.GetValue<int>() ?? SandboxGate.RetryAfterSeconds,
            },
            OrleansVmException known when StatusOf(known.Code) is { } status => new(status, known.Code, known.Message, known.Details),
            // Sandbox failures are the plugin's: an unlisted code is still the plugin's fault, never a 500.
            SandboxException sandbox => new(StatusOf(sandbox.Code) ?? 422, sandbox.Code, sandbox.Message, sandbox.Details),
            BadHttpRequestException { StatusCode: 413 } => From(ApiErrors.TooLarge(JsonBody.MaxBytes)),
            BadHttpRequestException bad => new(400, ApiErrors.InvalidRequest, bad.Message, null),
            // Orleans reports a call that outlived SiloMessagingOptions.ResponseTimeout as a TimeoutException.
            TimeoutException => Unavailable("The grain owning this resource did not answer in time."),
            SiloUnavailableException or OrleansMessageRejectionException => Unavailable("The silo is shutting down; retry on another silo or later."),
            InconsistentStateException => Unavailable("The resource changed concurrently; retry."),
            OperationCanceledException => Unavailable("The request was cancelled before it completed."),
            _ => new(500, ApiErrors.Internal, "An internal error occurred.", null),
        };
    }

    /// <summary>The HTTP status of a stable error code, or null when the code is not one of http-api.md's.</summary>
    public static int? StatusOf(string code) => code switch
    {
        ApiErrors.InvalidRequest or ErrorCodes.ValidationError => 400,
        ApiErrors.Unauthorized => 401,
        ApiErrors.Forbidden => 403,
        ErrorCodes.NotFound or ErrorCodes.PackageNotFound or ErrorCodes.InstanceNotFound or ErrorCodes.DomainNotFound
            or ErrorCodes.WorkspaceNotFound or SandboxErrorCodes.WidgetNotFound or SandboxErrorCodes.HandlerNotFound => 404,
        ErrorCodes.PackageVersionExists or ErrorCodes.WorkspaceExists or ErrorCodes.QuotaExceeded => 409,
        ApiErrors.PayloadTooLarge => 413,
        ErrorCodes.Overloaded => 429,
        SandboxErrorCodes.PluginLoadError or SandboxErrorCodes.PluginRuntimeError or SandboxErrorCodes.RuntimeTimeout
            or SandboxErrorCodes.LimitExceeded or SandboxErrorCodes.RenderInvalid or SandboxErrorCodes.IntentInvalid
            or SandboxErrorCodes.ModuleNotAllowed or SandboxErrorCodes.ModuleNotEnabled => 422,
        ErrorCodes.Unavailable => 503,
        _ => null,
    };

    private static ApiError From(ApiException api) => new(api.Status, api.Code, api.Message, api.Details);

    private static ApiError Unavailable(string message) => new(503, ErrorCodes.Unavailable, message, null);

    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    ex = aggregate.InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    continue;
                default:
                    return ex;
            }
        }
    }
}
