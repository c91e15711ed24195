using Microsoft.Extensions.Logging;

namespace OrleansVm.Storage;

/// <summary>
/// Every log line of the storage providers, source-generated; event ids 2000–2099 (grain state) and
/// 2100–2199 (reminders). A failed grain write is also logged by Orleans (with the grain id and the exception)
/// and by the grain that wrote (with the workspace and instance or domain): these lines add what only the
/// store knows (the batch, the ETags). Connection strings never appear: only the provider's name.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "{Provider}: a batch of {Count} writes was rolled back; retrying them one by one")]
    public static partial void BatchRetriedOneByOne(this ILogger logger, Exception? error, string provider, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "{Provider}: a write transaction of {Count} writes failed (the first: state {StateType} of {GrainKey}); every caller gets the error")]
    public static partial void WriteTransactionFailed(this ILogger logger, Exception error, string provider, int count, string stateType, string grainKey);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "{Provider}: the rollback after a failed batch failed too")]
    public static partial void RollbackFailed(this ILogger logger, Exception error, string provider);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error,
        Message = "Group commit: committing a batch of {Count} writes threw; every caller gets the error and the writer loop goes on")]
    public static partial void CommitLoopFailed(this ILogger logger, Exception error, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error,
        Message = "Storage {Name}: state {StateName} of {GrainId} (ETag {Etag}) does not deserialize as {Type}")]
    public static partial void StateDoesNotDeserialize(this ILogger logger, Exception error, string name, string stateName, string grainId, long etag, Type type);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug,
        Message = "Storage {Name}: {Operation} of state {StateName} of {GrainId} refused: ETag {Current}, stored {Stored}")]
    public static partial void WriteConflict(this ILogger logger, string name, string operation, string stateName, string grainId, string? current, string? stored);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Storage {Name}: {Store} opened")]
    public static partial void StorageOpened(this ILogger logger, string name, string store);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Reminder table ready in {Path} for service {ServiceId}")]
    public static partial void ReminderTableReady(this ILogger logger, string path, string serviceId);
}
