using Microsoft.Extensions.Logging;

namespace OrleansVm.Grains;

/// <summary>
/// Every log line the grains write, source-generated. Event ids are stable and grouped by area:
/// 1000–1099 plugin instances, 1100–1199 shared domains, 1200–1299 workspace activity, 1300–1399 hosting.
/// Ids are named fields (<c>WorkspaceId</c>, <c>InstanceId</c>, <c>DispatchId</c>, <c>Domain</c>) so a JSON log can
/// be filtered on them. No line carries a plugin's own text (its error messages, console lines, payloads): that is
/// tenant data with its own place (the instance log, the timeline), and a plugin must not be able to write into
/// the operator's log.
/// </summary>
internal static partial class GrainsLog
{
    // 1000–1099: plugin instances (PluginInstanceGrain).

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Intent {DispatchId} ({ActionType}) of instance {InstanceId} in workspace {WorkspaceId} denied: no write grant for domain {Domain}")]
    public static partial void IntentDenied(this ILogger logger, string workspaceId, string instanceId, string dispatchId, string domain, string actionType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: {Operation} of widget {WidgetId} stopped by a sandbox limit: {Code} {Limit}")]
    public static partial void SandboxLimitHit(this ILogger logger, string workspaceId, string instanceId, string operation, string widgetId, string code, string? limit);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: {Operation} of widget {WidgetId} failed in the plugin: {Code}")]
    public static partial void SandboxCallFailed(this ILogger logger, string workspaceId, string instanceId, string operation, string widgetId, string code);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: package {PackageId} {Version} failed to load: {Code} {Limit}")]
    public static partial void SandboxLoadFailed(this ILogger logger, string workspaceId, string instanceId, string packageId, string version, string code, string? limit);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: saving its state failed ({Error}); the activation is dropped and the next call reloads from storage")]
    public static partial void InstanceStateWriteFailed(this ILogger logger, string workspaceId, string instanceId, string error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: delivering {DispatchId} to domain {Domain} failed ({Error}); {Pending} intents wait in the outbox, retried every {RetryPeriod}")]
    public static partial void DeliveryFailed(this ILogger logger, string workspaceId, string instanceId, string domain, string dispatchId, string error, int pending, TimeSpan retryPeriod);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: domain {Domain} still unreachable after {Attempts} attempts since {Since:o} ({Error}); {Pending} intents wait, the oldest {DispatchId}")]
    public static partial void DeliveryStillFailing(this ILogger logger, string workspaceId, string instanceId, string domain, string dispatchId, string error, int pending, int attempts, DateTimeOffset since);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: domain {Domain} reached again after {Attempts} failed attempts")]
    public static partial void DeliveryRecovered(this ILogger logger, string workspaceId, string instanceId, string domain, int attempts);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: reporting {Count} dispatches to the timeline and the event stream failed ({Error}); the event itself is durable")]
    public static partial void ReportFailed(this ILogger logger, string workspaceId, string instanceId, int count, string error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: saving its console log failed ({Error}); tried again at the next change or deactivation")]
    public static partial void ConsoleLogWriteFailed(this ILogger logger, string workspaceId, string instanceId, string error);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: saving on deactivation failed ({Error}); delivered intents may be sent again (the domains ignore duplicates)")]
    public static partial void DeactivationWriteFailed(this ILogger logger, string workspaceId, string instanceId, string error);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "Instance {InstanceId} in workspace {WorkspaceId}: {Trigger} delivers {Pending} saved intents")]
    public static partial void OutboxRedelivery(this ILogger logger, string workspaceId, string instanceId, string trigger, int pending);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug,
        Message = "Instance {InstanceId}: outbox reminder {Change}")]
    public static partial void OutboxReminderChanged(this ILogger logger, string instanceId, string change);

    // 1100–1199: shared domains (SharedDomainGrain, custom reducers).

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Domain {Domain} of workspace {WorkspaceId} denied dispatch {DispatchId} of instance {InstanceId}: {Reason}")]
    public static partial void DispatchDenied(this ILogger logger, string workspaceId, string domain, string instanceId, string dispatchId, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Domain {Domain} of workspace {WorkspaceId}: saving its state failed ({Error}); the activation is dropped, the waiting dispatches fail and their outboxes retry")]
    public static partial void DomainStateWriteFailed(this ILogger logger, string workspaceId, string domain, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Domain {Domain} of workspace {WorkspaceId}: publishing domain.changed failed ({Error}); the change is durable, streams miss the notice")]
    public static partial void DomainChangePublishFailed(this ILogger logger, string workspaceId, string domain, string error);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Domain {Domain} of workspace {WorkspaceId}: the custom projection failed ({Code}); readers see nothing")]
    public static partial void ProjectionFailed(this ILogger logger, string workspaceId, string domain, string code);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Domain {Domain} of workspace {WorkspaceId}: the custom reducer failed on dispatch {DispatchId} of instance {InstanceId} ({Code}); the dispatch is refused")]
    public static partial void ReducerFailed(this ILogger logger, string workspaceId, string domain, string instanceId, string dispatchId, string code);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "Domain {Domain} of workspace {WorkspaceId}: its projection could not be put on the silo's board ({Error}); instances read it by call")]
    public static partial void ProjectionNotPublished(this ILogger logger, string workspaceId, string domain, string error);

    // 1200–1299: workspace activity (WorkspaceActivityGrain).

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Activity of workspace {WorkspaceId}: saving the timeline failed ({Error}); kept in memory, the timer writes it again")]
    public static partial void TimelineWriteFailed(this ILogger logger, string workspaceId, string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "Activity of workspace {WorkspaceId}: publishing the runtime-metrics change failed ({Error}); streams miss the notice")]
    public static partial void MetricsChangePublishFailed(this ILogger logger, string workspaceId, string error);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "Activity of workspace {WorkspaceId}: publishing {Count} stream events failed ({Error}); open streams miss them (the timeline keeps them)")]
    public static partial void StreamPublishFailed(this ILogger logger, string workspaceId, int count, string error);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning,
        Message = "Activity of workspace {WorkspaceId}: sealing timeline segment {Segment} failed ({Error}); its entries stay in the newest record, the next write seals them")]
    public static partial void TimelineSealFailed(this ILogger logger, string workspaceId, long segment, string error);

    // 1300–1399: hosting.

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "The sandbox warm-up failed; plugins still run, their first calls pay the interpreter's start-up cost")]
    public static partial void SandboxWarmUpFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Preset {PackageId}@{Version} {Outcome}")]
    public static partial void PresetPublished(this ILogger logger, string packageId, string version, string outcome);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Preset {PackageId}@{Version} differs from the version already published; keeping the published one")]
    public static partial void PresetDiffers(this ILogger logger, string packageId, string version);

    /// <summary>
    /// What a log line says about an exception: the innermost one's type and message (Orleans wraps a storage
    /// provider's error in its own). Never a plugin's message: sandbox failures are logged by code only.
    /// </summary>
    public static string Describe(Exception error)
    {
        var inner = error.GetBaseException();
        return inner switch
        {
            OrleansVmException e => $"{e.Code}: {e.Message}",
            Sandbox.SandboxException e => e.Code,
            _ => $"{inner.GetType().Name}: {inner.Message}",
        };
    }
}
