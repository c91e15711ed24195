using System.Data;
using System.Data.Common;

namespace OrleansVm.Storage;

/// <summary>
/// Runs a batch of compare-and-swap writes inside one open transaction, in queue order, and reports each
/// item's outcome. A conflict is a row count of 0, not an error, so it never aborts the other items.
/// </summary>
internal static class GrainStateWriteApplier
{
    public static async Task<WriteOutcome[]> ApplyAsync(
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, IReadOnlyList<PendingWrite> batch)
    {
        var rowsAffected = await ApplyOneByOneAsync(connection, transaction, sql, batch).ConfigureAwait(false);

        var outcomes = new WriteOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = rowsAffected[i] == 1
                ? WriteOutcome.Success(batch[i].ExpectedEtag + 1)
                : WriteOutcome.Conflict(await ReadStoredEtagAsync(connection, transaction, sql, batch[i]).ConfigureAwait(false));
        }

        return outcomes;
    }

    // In-process databases (SQLite) pay nothing per statement round trip: two prepared commands, parameters
    // bound once, values swapped per item. (PostgreSQL uses the set-based PostgresSetWriteApplier instead.)
    private static async Task<int[]> ApplyOneByOneAsync(
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, IReadOnlyList<PendingWrite> batch)
    {
        await using var insert = connection.CreateCommand();
        await using var update = connection.CreateCommand();
        insert.CommandText = sql.Insert;
        update.CommandText = sql.Update;
        insert.Transaction = update.Transaction = transaction;
        AddWriteParameters(insert.Parameters, insert.CreateParameter, withExpectedEtag: false);
        AddWriteParameters(update.Parameters, update.CreateParameter, withExpectedEtag: true);

        var rowsAffected = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            var command = write.ExpectedEtag == 0 ? insert : update;
            command.Parameters[0].Value = write.StateType;
            command.Parameters[1].Value = write.GrainKey;
            command.Parameters[2].Value = (object?)write.Payload ?? DBNull.Value;
            if (write.ExpectedEtag != 0)
            {
                command.Parameters[3].Value = write.ExpectedEtag;
            }

            rowsAffected[i] = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return rowsAffected;
    }

    public static async Task<long> ReadStoredEtagAsync(
        DbConnection connection, DbTransaction? transaction, GrainStateSql sql, PendingWrite write)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.StoredEtag;
        SqlParameters.Add(command.Parameters, command.CreateParameter, "state_type", write.StateType, DbType.String);
        SqlParameters.Add(command.Parameters, command.CreateParameter, "grain_key", write.GrainKey, DbType.String);
        var stored = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return stored is null or DBNull ? 0 : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
    }

    // Order matters: ApplyOneByOneAsync sets values by index.
    private static void AddWriteParameters(DbParameterCollection parameters, Func<DbParameter> create, bool withExpectedEtag)
    {
        SqlParameters.Add(parameters, create, "state_type", null, DbType.String);
        SqlParameters.Add(parameters, create, "grain_key", null, DbType.String);
        SqlParameters.Add(parameters, create, "payload", null, DbType.String);
        if (withExpectedEtag)
        {
            SqlParameters.Add(parameters, create, "expected_etag", null, DbType.Int64);
        }
    }
}
