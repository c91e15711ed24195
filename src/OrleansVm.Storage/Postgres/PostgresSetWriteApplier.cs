using Npgsql;

namespace OrleansVm.Storage;

/// <summary>
/// PostgreSQL's batch writer: instead of one statement per write, one set-based INSERT and one set-based
/// UPDATE per round, fed by arrays (<c>unnest</c>), each returning the keys it changed; a key missing from
/// the result is a conflict. A round holds each key at most once (a key written twice in a batch goes to
/// the next round, which sees the first write), so queue order per key is kept. Usually one round: two
/// statements per transaction whatever the batch size.
/// </summary>
internal sealed class PostgresSetWriteApplier(string table)
{
    // set_config(..., is_local: true) is SET LOCAL as a query: it yields a result set, which keeps reading simple.
    private const string DurableCommit = "SELECT set_config('synchronous_commit', 'on', true)";

    private readonly string _insert =
        $"INSERT INTO {table} (state_type, grain_key, etag, payload, updated_at) " +
        "SELECT v.state_type, v.grain_key, 1, v.payload, CURRENT_TIMESTAMP " +
        "FROM unnest(@state_types, @grain_keys, @payloads) AS v(state_type, grain_key, payload) " +
        "ON CONFLICT (state_type, grain_key) DO NOTHING " +
        "RETURNING state_type, grain_key";

    private readonly string _update =
        $"UPDATE {table} AS g SET etag = g.etag + 1, payload = v.payload, updated_at = CURRENT_TIMESTAMP " +
        "FROM unnest(@state_types, @grain_keys, @payloads, @expected_etags) AS v(state_type, grain_key, payload, expected_etag) " +
        "WHERE g.state_type = v.state_type AND g.grain_key = v.grain_key AND g.etag = v.expected_etag " +
        "RETURNING g.state_type, g.grain_key";

    private readonly GrainStateSql _sql = new(table);

    /// <summary>
    /// Sends the whole batch as one <see cref="NpgsqlBatch"/> without an explicit transaction: PostgreSQL runs
    /// it as one implicit transaction committed at the protocol Sync, and answers the Sync only once that
    /// commit is done (durable, with synchronous_commit on). A failing statement rolls all of it back.
    /// So: one round trip for BEGIN, the writes and COMMIT.
    /// </summary>
    public async Task<WriteOutcome[]> ApplyAndCommitAsync(NpgsqlConnection connection, IReadOnlyList<PendingWrite> batch)
    {
        var committed = new bool[batch.Count];
        var parts = new List<List<int>>();
        await using (var dbBatch = new NpgsqlBatch(connection))
        {
            dbBatch.BatchCommands.Add(new NpgsqlBatchCommand(DurableCommit));
            foreach (var round in SplitIntoRounds(batch))
            {
                // One pass per round: split into inserts (expected 0) and updates, no LINQ per item.
                var inserts = new List<int>(round.Count);
                var updates = new List<int>(round.Count);
                foreach (var i in round)
                {
                    (batch[i].ExpectedEtag == 0 ? inserts : updates).Add(i);
                }

                AddPart(dbBatch, _insert, batch, inserts, parts, withExpectedEtags: false);
                AddPart(dbBatch, _update, batch, updates, parts, withExpectedEtags: true);
            }

            await using var reader = await dbBatch.ExecuteReaderAsync().ConfigureAwait(false);
            await reader.NextResultAsync().ConfigureAwait(false); // past set_config
            foreach (var part in parts)
            {
                // Keys are unique within a round, so the returned keys say exactly which items committed.
                var byKey = part.ToDictionary(i => (batch[i].StateType, batch[i].GrainKey));
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    committed[byKey[(reader.GetString(0), reader.GetString(1))]] = true;
                }

                await reader.NextResultAsync().ConfigureAwait(false);
            }
        } // disposing the reader consumes up to ReadyForQuery, i.e. past the commit

        var outcomes = new WriteOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Conflicts are rare; their stored ETag (for the exception message) is read afterwards.
            outcomes[i] = committed[i]
                ? WriteOutcome.Success(batch[i].ExpectedEtag + 1)
                : WriteOutcome.Conflict(await GrainStateWriteApplier.ReadStoredEtagAsync(connection, null, _sql, batch[i]).ConfigureAwait(false));
        }

        return outcomes;
    }

    private static void AddPart(NpgsqlBatch dbBatch, string text, IReadOnlyList<PendingWrite> batch, List<int> items, List<List<int>> parts, bool withExpectedEtags)
    {
        if (items.Count > 0)
        {
            dbBatch.BatchCommands.Add(Command(text, batch, items, withExpectedEtags));
            parts.Add(items);
        }
    }

    private static NpgsqlBatchCommand Command(string text, IReadOnlyList<PendingWrite> batch, List<int> items, bool withExpectedEtags)
    {
        var stateTypes = new string[items.Count];
        var grainKeys = new string[items.Count];
        var payloads = new string?[items.Count];
        var expectedEtags = withExpectedEtags ? new long[items.Count] : null;
        for (var j = 0; j < items.Count; j++)
        {
            var write = batch[items[j]];
            stateTypes[j] = write.StateType;
            grainKeys[j] = write.GrainKey;
            payloads[j] = write.Payload;
            if (expectedEtags is not null)
            {
                expectedEtags[j] = write.ExpectedEtag;
            }
        }

        var command = new NpgsqlBatchCommand(text);
        command.Parameters.Add(new NpgsqlParameter<string[]>("state_types", stateTypes));
        command.Parameters.Add(new NpgsqlParameter<string[]>("grain_keys", grainKeys));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("payloads", payloads));
        if (expectedEtags is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]>("expected_etags", expectedEtags));
        }

        return command;
    }

    // Round r holds the (r+1)-th write of each key in the batch, so each round touches a key at most once.
    private static List<List<int>> SplitIntoRounds(IReadOnlyList<PendingWrite> batch)
    {
        var rounds = new List<List<int>>();
        var writesSeen = new Dictionary<(string, string), int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var key = (batch[i].StateType, batch[i].GrainKey);
            var round = writesSeen.GetValueOrDefault(key);
            writesSeen[key] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }
}
