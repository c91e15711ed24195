using Npgsql;

namespace OrleansVm.Storage;

/// <summary>
/// The whole PostgreSQL schema of a cluster (deploy/sql/postgres/*.sql, embedded): the project's grain-state
/// table and Orleans' ADO.NET tables with the <c>OrleansQuery</c> rows of persistence, reminders and
/// clustering. Every script is idempotent; all of them run in name order in one transaction under an
/// advisory lock, so silos starting together with <c>--init-schema</c> neither race nor leave half a schema.
/// </summary>
public static class OrleansVmPostgresSchema
{
    // Any constant works: it only serialises concurrent initializers. Not the grain-state initializer's key,
    // which runs inside this one's scripts' transaction on another connection otherwise.
    private const long AdvisoryLockKey = 0x4F524C_56534348; // "ORLVSCH"

    /// <summary>The scripts applied, in order (file name, SQL), for logs and for running them by hand.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts =>
        SchemaScripts.Load("postgres", SqlGrainStorageOptions.DefaultTableName, SchemaScripts.All);

    /// <summary>Creates or updates the schema in the database of <paramref name="connectionString"/>.</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        foreach (var (name, sql) in Scripts)
        {
            try
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw new InvalidOperationException($"Schema script deploy/sql/postgres/{name} failed: {exception.MessageText}", exception);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
