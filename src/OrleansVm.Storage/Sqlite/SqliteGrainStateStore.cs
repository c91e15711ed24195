using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansVm.Storage;

/// <summary>
/// Grain state in one SQLite file, WAL mode, <c>synchronous=FULL</c> (the WAL is fsynced at every commit, so
/// a completed write survives a crash or power loss). SQLite has a single writer: with group commit on, one
/// loop writes everything; with it off, writes take turns, one transaction (one fsync) each. Reads use
/// Microsoft.Data.Sqlite's connection pool and run alongside the writer thanks to WAL.
/// </summary>
public sealed class SqliteGrainStateStore : SqlGrainStateStore
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _directWriteGate = new(1, 1);

    public SqliteGrainStateStore(SqliteGrainStorageOptions options, ILogger<SqliteGrainStateStore>? logger = null)
        : base("sqlite", options, logger)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException("SqliteGrainStorageOptions.DatabasePath is required.", nameof(options));
        }

        _options = options;
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public override Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        return GrainStateSchemaInitializer.ForSqlite(_connectionString, _options.TableName).EnsureSchemaAsync(cancellationToken);
    }

    protected override async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            // WAL is a property of the file; set it even when the schema is managed by hand.
            var mode = await ExecuteScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {DatabasePath} (journal_mode is '{mode}').");
            }
        }

        if (_options.EnsureSchema)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Per connection, not per file: pooled connections may come from reads, so set it every time (no I/O).
        await ExecuteScalarAsync(connection, "PRAGMA synchronous = FULL;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // SQLite serialises writers anyway (Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE); queueing on a
    // semaphore beats spinning on SQLITE_BUSY with retry sleeps.
    protected override SemaphoreSlim? DirectWriteGate => _directWriteGate;

    protected override ValueTask DisposeCoreAsync()
    {
        // Closes the pooled handles so the file is released (and the WAL checkpointed) when the provider goes away.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<object?> ExecuteScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
