using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansVm.Storage;

/// <summary>
/// Grain state in PostgreSQL (clusters: every silo shares the table). Connections come from an
/// <see cref="NpgsqlDataSource"/> pool. A group-commit batch becomes one set-based INSERT and one UPDATE
/// (arrays + <c>unnest</c>, see <see cref="PostgresSetWriteApplier"/>) sent and committed in one round trip, with
/// <c>synchronous_commit = on</c> forced per transaction, so a completed write is flushed to the server's WAL
/// whatever the server default is. With group commit off, writes run concurrently, one transaction each.
/// </summary>
public sealed class PostgresGrainStateStore : SqlGrainStateStore
{
    private readonly PostgresGrainStorageOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresSetWriteApplier _setWriter;

    public PostgresGrainStateStore(PostgresGrainStorageOptions options, ILogger<PostgresGrainStateStore>? logger = null)
        : base("postgres", options, logger)
    {
        _options = options;
        if (options.WriterLoops < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WriterLoops, "WriterLoops must be at least 1.");
        }

        _setWriter = new PostgresSetWriteApplier(options.TableName);
        if (options.DataSource is not null)
        {
            _dataSource = options.DataSource;
        }
        else if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            _dataSource = NpgsqlDataSource.Create(WithAutoPrepare(options.ConnectionString));
            _ownsDataSource = true;
        }
        else
        {
            throw new ArgumentException("PostgresGrainStorageOptions needs a ConnectionString or a DataSource.", nameof(options));
        }
    }

    // The same few statements run all the time: let Npgsql prepare them (server-side plans) unless the host chose otherwise.
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 16;
        }

        return builder.ConnectionString;
    }

    private protected override int WriterLoops(SqlGrainStorageOptions options) =>
        options is PostgresGrainStorageOptions { WriterLoops: var loops }
            ? (loops >= 1 ? loops : throw new ArgumentOutOfRangeException(nameof(options), loops, "WriterLoops must be at least 1."))
            : 1;

    public override Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        GrainStateSchemaInitializer.ForPostgres(_dataSource, _options.TableName).EnsureSchemaAsync(cancellationToken);

    protected override async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        if (_options.EnsureSchema)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // The schema is the operator's (--init-schema): say so at silo start, not at the first grain write.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", _options.TableName);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            throw new InvalidOperationException(
                $"Grain-state table '{_options.TableName}' does not exist in this database: apply deploy/sql/postgres " +
                "(the silo's --init-schema, OrleansVmPostgresSchema.EnsureAsync) or set PostgresGrainStorageOptions.EnsureSchema.");
        }
    }

    protected override async ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // One round trip per batch: statements and commit go together (see PostgresSetWriteApplier). A statement
    // ERROR means the implicit transaction was rolled back; FATAL (backend terminated) or I/O errors may come
    // after the commit, so their outcome is unknown.
    private protected override async Task<WriteOutcome[]> RunWriteTransactionAsync(DbConnection connection, IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            return await _setWriter.ApplyAndCommitAsync((NpgsqlConnection)connection, batch).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.InvariantSeverity == "ERROR")
        {
            throw new BatchRolledBackException(exception);
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
