using System.Data;
using System.Data.Common;

namespace OrleansVm.Storage;

/// <summary>
/// Runs a batch of compare-and-swap writes inside one open transaction, in queue order, and reports each
/// item's outcome. A conflict is a row count of 0, not an error, so it never aborts the other items.
/// </summary>
internal static class GrainStateWriteApplier
{
    /// <param name="prologue">A statement run first in the transaction (e.g. a durability setting), or null.</param>
    public static async Task<WriteOutcome[]> ApplyAsync(
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, string? prologue, IReadOnlyList<PendingWrite> batch)
    {
        var rowsAffected = connection.CanCreateBatch
            ? await ApplyAsOneRoundTripAsync(connection, transaction, sql, prologue, batch).ConfigureAwait(false)
            : await ApplyOneByOneAsync(connection, transaction, sql, prologue, batch).ConfigureAwait(false);

        var outcomes = new WriteOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = rowsAffected[i] == 1
                ? WriteOutcome.Success(batch[i].ExpectedEtag + 1)
                : WriteOutcome.Conflict(await ReadStoredEtagAsync(connection, transaction, sql, batch[i]).ConfigureAwait(false));
        }

        return outcomes;
    }

    // PostgreSQL: the whole batch goes in one network round trip; statements still run in order.
    private static async Task<int[]> ApplyAsOneRoundTripAsync(
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, string? prologue, IReadOnlyList<PendingWrite> batch)
    {
        await using var dbBatch = connection.CreateBatch();
        dbBatch.Transaction = transaction;
        if (prologue is not null)
        {
            var first = dbBatch.CreateBatchCommand();
            first.CommandText = prologue;
            dbBatch.BatchCommands.Add(first);
        }
        foreach (var write in batch)
        {
            var command = dbBatch.CreateBatchCommand();
            command.CommandText = write.ExpectedEtag == 0 ? sql.Insert : sql.Update;
            AddWriteParameters(command.Parameters, command.CreateParameter, write, withExpectedEtag: write.ExpectedEtag != 0);
            dbBatch.BatchCommands.Add(command);
        }

        await dbBatch.ExecuteNonQueryAsync().ConfigureAwait(false);
        return dbBatch.BatchCommands.Skip(prologue is null ? 0 : 1).Select(command => command.RecordsAffected).ToArray();
    }

    // SQLite: in-process, so round trips cost nothing; two prepared commands, parameters bound once, values swapped per item.
    private static async Task<int[]> ApplyOneByOneAsync(
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, string? prologue, IReadOnlyList<PendingWrite> batch)
    {
        if (prologue is not null)
        {
            await using var first = connection.CreateCommand();
            first.Transaction = transaction;
            first.CommandText = prologue;
            await first.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var insert = connection.CreateCommand();
        await using var update = connection.CreateCommand();
        insert.CommandText = sql.Insert;
        update.CommandText = sql.Update;
        insert.Transaction = update.Transaction = transaction;
        AddWriteParameters(insert.Parameters, insert.CreateParameter, batch[0], withExpectedEtag: false);
        AddWriteParameters(update.Parameters, update.CreateParameter, batch[0], withExpectedEtag: true);

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
        DbConnection connection, DbTransaction transaction, GrainStateSql sql, PendingWrite write)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.StoredEtag;
        SqlParameters.Add(command.Parameters, command.CreateParameter, "state_type", write.StateType, DbType.String);
        SqlParameters.Add(command.Parameters, command.CreateParameter, "grain_key", write.GrainKey, DbType.String);
        var stored = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return stored is null or DBNull ? 0 : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddWriteParameters(DbParameterCollection parameters, Func<DbParameter> create, PendingWrite write, bool withExpectedEtag)
    {
        SqlParameters.Add(parameters, create, "state_type", write.StateType, DbType.String);
        SqlParameters.Add(parameters, create, "grain_key", write.GrainKey, DbType.String);
        SqlParameters.Add(parameters, create, "payload", write.Payload, DbType.String);
        if (withExpectedEtag)
        {
            SqlParameters.Add(parameters, create, "expected_etag", write.ExpectedEtag, DbType.Int64);
        }
    }
}
