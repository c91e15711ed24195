using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansVm.Telemetry;

namespace OrleansVm.Storage;

/// <summary>
/// The ADO.NET part shared by the SQLite and PostgreSQL providers: validation, reads, compare-and-swap
/// writes and the choice between group commit (one queue, one writer loop) and one transaction per write.
/// Subclasses only say how to open connections and start a durable write transaction.
/// </summary>
public abstract class SqlGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    private readonly SqlGrainStorageOptions _options;
    private readonly GrainStateSql _sql;
    private readonly GroupCommitQueue? _queue;
    private readonly SemaphoreSlim _initializationGate = new(1, 1);
    private volatile bool _initialized;
    private int _disposed;

    protected SqlGrainStateStore(string name, SqlGrainStorageOptions options, ILogger? logger)
    {
        options.Validate();
        Name = name;
        _options = options;
        Logger = logger ?? NullLogger.Instance;
        _sql = new GrainStateSql(options.TableName);
        _queue = options.GroupCommit ? new GroupCommitQueue(options.MaxBatchSize, CommitAsync, WriterLoops(options), Logger) : null;
    }

    public string Name { get; }

    public string TableName => _options.TableName;

    public bool GroupCommit => _queue is not null;

    /// <summary>Committed transactions and writes since this instance started.</summary>
    public WriteStatistics Statistics { get; } = new();

    protected ILogger Logger { get; }

    /// <summary>Applies the schema scripts (deploy/sql/&lt;dialect&gt;) for <see cref="TableName"/>; idempotent.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    protected abstract ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken);

    protected abstract ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs once before the first operation (file creation, WAL, schema when asked).</summary>
    protected virtual ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Group commit: how many writer loops (batches in flight at once), writes routed by key hash. 1 for SQLite
    /// (one writer anyway); PostgreSQL overrides it. Called from the constructor: must only read the options.
    /// </summary>
    private protected virtual int WriterLoops(SqlGrainStorageOptions options) => 1;

    /// <summary>When group commit is off: a gate that lets one write transaction run at a time, or null for no limit.</summary>
    protected virtual SemaphoreSlim? DirectWriteGate => null;

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    public async ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default)
    {
        GrainStateArguments.ValidateAddress(stateType, grainKey);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _sql.Read;
        SqlParameters.Add(command.Parameters, command.CreateParameter, "state_type", stateType, DbType.String);
        SqlParameters.Add(command.Parameters, command.CreateParameter, "grain_key", grainKey, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var etag = reader.GetInt64(0);
        var json = reader.IsDBNull(1) ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(reader.GetString(1));
        return new GrainStateRecord(json, etag);
    }

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        var payload = GrainStateArguments.ValidatePayload(json);
        return SubmitAsync(stateType, grainKey, payload, expectedEtag, cancellationToken);
    }

    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default) =>
        SubmitAsync(stateType, grainKey, payload: null, expectedEtag, cancellationToken);

    private async ValueTask<long> SubmitAsync(string stateType, string grainKey, string? payload, long expectedEtag, CancellationToken cancellationToken)
    {
        GrainStateArguments.ValidateAddress(stateType, grainKey);
        GrainStateArguments.ValidateEtag(expectedEtag);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        // Last point where cancellation is honoured: once accepted, the write runs to its end (see IGrainStateStore).
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(stateType, grainKey, payload, expectedEtag);

        if (_queue is not null)
        {
            if (!_queue.TryEnqueue(write))
            {
                throw new ObjectDisposedException(GetType().Name);
            }

            return await write.Completion.ConfigureAwait(false);
        }

        var gate = DirectWriteGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await CommitAsync([write]).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }

        return await write.Completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Commits a batch in one transaction and completes every item, and only after the commit returned.
    /// No cancellation token on purpose: an accepted write is never abandoned halfway.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        WriteOutcome[] outcomes;
        try
        {
            await using var connection = await OpenWriteConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            outcomes = await RunWriteTransactionAsync(connection, batch).ConfigureAwait(false);
        }
        catch (BatchRolledBackException exception) when (batch.Count > 1)
        {
            // Nothing was committed. Retry item by item so that one bad write fails only its own caller.
            Logger.BatchRetriedOneByOne(exception.InnerException, Name, batch.Count);
            foreach (var write in batch)
            {
                await CommitAsync([write]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception exception)
        {
            // Either this write's own error, or an unknown outcome (e.g. connection lost during COMMIT):
            // every caller gets the error, none gets a success that might not be durable.
            var error = exception is BatchRolledBackException { InnerException: { } inner } ? inner : exception;
            Logger.WriteTransactionFailed(error, Name, batch.Count, batch[0].StateType, batch[0].GrainKey);
            foreach (var write in batch)
            {
                write.Fail(error);
            }

            return;
        }

        Statistics.RecordCommit(batch.Count);
        OrleansVmMetrics.Committed(batch.Count, started);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(outcomes[i]);
        }
    }

    /// <summary>
    /// Runs the batch's compare-and-swap statements as one transaction and commits it durably; one outcome
    /// per item, in order. Throws <see cref="BatchRolledBackException"/> when it is certain that nothing was
    /// committed; any other exception means the outcome is unknown.
    /// </summary>
    private protected virtual async Task<WriteOutcome[]> RunWriteTransactionAsync(DbConnection connection, IReadOnlyList<PendingWrite> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        WriteOutcome[] outcomes;
        try
        {
            outcomes = await GrainStateWriteApplier.ApplyAsync(connection, transaction, _sql, batch).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            await TryRollbackAsync(transaction).ConfigureAwait(false);
            throw new BatchRolledBackException(exception);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }

    private async Task TryRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            Logger.RollbackFailed(exception, Name);
        }
    }

    /// <summary>Creates the file or checks the connection, sets WAL and applies the schema when configured; idempotent.</summary>
    public async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializationGate.Release();
        }
    }

    /// <summary>Stops accepting writes, commits every write already accepted, then releases connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_queue is not null)
        {
            await _queue.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
