using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OrleansVm.Storage;

/// <summary>
/// Applies the grain-state schema scripts (deploy/sql/sqlite or deploy/sql/postgres, embedded in this
/// assembly) to a database. The scripts are idempotent, so this is safe at every silo start.
/// </summary>
public sealed class GrainStateSchemaInitializer
{
    // Any constant works: it only serialises concurrent initializers (several silos starting at once).
    private const long PostgresAdvisoryLockKey = 0x4F524C_5653544F; // "ORLVSTO"

    private readonly string _dialect;
    private readonly string _tableName;
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _openConnection;

    private GrainStateSchemaInitializer(string dialect, string tableName, Func<CancellationToken, ValueTask<DbConnection>> openConnection)
    {
        _dialect = dialect;
        _tableName = tableName;
        _openConnection = openConnection;
    }

    public static GrainStateSchemaInitializer ForSqlite(string connectionString, string tableName = SqlGrainStorageOptions.DefaultTableName) =>
        new("sqlite", tableName, async cancellationToken =>
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        });

    public static GrainStateSchemaInitializer ForPostgres(NpgsqlDataSource dataSource, string tableName = SqlGrainStorageOptions.DefaultTableName) =>
        new("postgres", tableName, async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The scripts this initializer runs, in order, with the table name applied (for logs and by-hand use).</summary>
    public IReadOnlyList<(string Name, string Sql)> Scripts => SchemaScripts.Load(_dialect, _tableName, SchemaScripts.GrainStateOnly);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var scripts = Scripts;
        await using var connection = await _openConnection(cancellationToken).ConfigureAwait(false);
        if (_dialect == "sqlite")
        {
            // No surrounding transaction: SQLite cannot switch to WAL inside one, and each statement is atomic.
            foreach (var (_, sql) in scripts)
            {
                await ExecuteAsync(connection, null, sql, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        foreach (var (_, sql) in scripts)
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
