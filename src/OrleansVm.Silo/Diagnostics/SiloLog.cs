namespace OrleansVm.Silo;

/// <summary>
/// Every log line of the silo's HTTP side, source-generated; event ids 3000–3099 auth, 3100–3199 API errors,
/// 3200–3299 the event stream, 3300–3399 start-up. A token is never logged: an auth failure names only what a
/// client token says about itself in the clear (its workspace and token id), never the secret part, and an
/// operator token not at all. Orleans' exception messages can quote a call's arguments (a token being
/// validated), so where such an exception is expected only its type is logged.
/// </summary>
internal static partial class SiloLog
{
    // 3000–3099: authentication (ApiAuthenticator).

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "{Method} {Path}: no bearer token (401)")]
    public static partial void MissingToken(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "{Method} {Path}: a bearer token that is neither the operator's nor a client token (401)")]
    public static partial void UnknownToken(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "{Method} {Path}: client token {TokenId} of workspace {WorkspaceId} is not live: revoked, never issued, or its workspace is gone (401)")]
    public static partial void ClientTokenRejected(this ILogger logger, string method, string path, string workspaceId, string tokenId);

    // 3100–3199: API errors (ApiErrorMiddleware).

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledApiError(this ILogger logger, Exception error, string method, string path);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Code} on {Method} {Path}: {Error}")]
    public static partial void ApiUnavailable(this ILogger logger, string code, string method, string path, string error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "{Method} {Path}: the client went away")]
    public static partial void ClientGone(this ILogger logger, string method, string path);

    // 3200–3299: the event stream (StreamRoutes).

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Event stream of workspace {WorkspaceId}: poll failed ({Error}), retrying in {DelayMs} ms after event {AfterId}")]
    public static partial void StreamPollRetry(this ILogger logger, string workspaceId, string error, int delayMs, long afterId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "Event stream of workspace {WorkspaceId} opened after event {AfterId}")]
    public static partial void StreamOpened(this ILogger logger, string workspaceId, long afterId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Event stream of workspace {WorkspaceId} ended at event {AfterId}: its token was revoked")]
    public static partial void StreamRevoked(this ILogger logger, string workspaceId, long afterId);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Event stream of workspace {WorkspaceId} closed at event {AfterId}")]
    public static partial void StreamClosed(this ILogger logger, string workspaceId, long afterId);

    // 3300–3399: start-up.

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Silo {SiloId} serving the API at {Address}/api/v1 (storage {Storage})")]
    public static partial void Serving(this ILogger logger, string siloId, string address, string storage);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning,
        Message = "No built web playground found; run `npm ci && npm run build` in src/OrleansVm.Playground or set OrleansVm:PlaygroundPath")]
    public static partial void NoPlayground(this ILogger logger);

    /// <summary>Dev mode only (loopback bind, token made by this silo for the person at its console): the one token ever logged.</summary>
    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Dev mode operator token: {OperatorToken}")]
    public static partial void DevOperatorToken(this ILogger logger, string operatorToken);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "Playground: {PlaygroundUrl}")]
    public static partial void PlaygroundLink(this ILogger logger, string playgroundUrl);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Error, Message = "Publishing the presets or preparing the demo workspace failed; the API serves anyway")]
    public static partial void SeedingFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Information, Message = "Created workspace {WorkspaceId}")]
    public static partial void DemoWorkspaceCreated(this ILogger logger, string workspaceId);

    [LoggerMessage(EventId = 3307, Level = LogLevel.Information, Message = "Granted {PackageId} its manifest's capabilities in {WorkspaceId}")]
    public static partial void PresetGranted(this ILogger logger, string packageId, string workspaceId);

    [LoggerMessage(EventId = 3308, Level = LogLevel.Information, Message = "Applied the PostgreSQL schema ({Count} scripts)")]
    public static partial void PostgresSchemaApplied(this ILogger logger, int count);

    // 3400–3499: cluster.

    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug, Message = "{Interface}.{Method} refused by a leaving silo; sending it again (attempt {Attempt})")]
    public static partial void HandoverRetry(this ILogger logger, string @interface, string method, int attempt);
}
