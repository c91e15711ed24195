using Npgsql;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Providers;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresProviderTests(PostgresServerFixture postgres) : SqlProviderTests
{
    protected override SqlGrainStateStore CreateProvider(string tableName, bool groupCommit, int maxBatchSize, bool ensureSchema) =>
        new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = postgres.Server.ConnectionString,
            TableName = tableName,
            GroupCommit = groupCommit,
            MaxBatchSize = maxBatchSize,
            EnsureSchema = ensureSchema,
        });

    protected override async Task<object?> ExecuteScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Without_ensure_schema_opening_on_a_database_without_the_table_fails_with_a_pointer_to_init_schema()
    {
        var empty = await postgres.CreateDatabaseAsync("no_schema");
        await using var storage = new PostgresGrainStateStore(new PostgresGrainStorageOptions { ConnectionString = empty });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.OpenAsync());

        Assert.Contains("--init-schema", error.Message, StringComparison.Ordinal);
        await OrleansVmPostgresSchema.EnsureAsync(empty, CancellationToken.None);
        await OrleansVmPostgresSchema.EnsureAsync(empty, CancellationToken.None); // idempotent
        await using var afterInit = new PostgresGrainStateStore(new PostgresGrainStorageOptions { ConnectionString = empty });
        Assert.Equal(1, await afterInit.WriteAsync("after-init", "k", "{}"u8.ToArray(), 0));
    }

    [Fact]
    public async Task A_shared_data_source_is_used_and_left_open()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.Server.ConnectionString);
        var storage = new PostgresGrainStateStore(new PostgresGrainStorageOptions { DataSource = dataSource, EnsureSchema = true });

        await storage.WriteAsync("shared-source", Guid.NewGuid().ToString(), "{}"u8.ToArray(), 0);
        await storage.DisposeAsync();

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task With_several_writer_loops_each_key_keeps_call_order_and_batches_overlap_safely()
    {
        await using var storage = new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = postgres.Server.ConnectionString,
            EnsureSchema = true,
            WriterLoops = 4,
        });
        var stateType = $"loops-{Guid.NewGuid():N}";
        await storage.ReadAsync(stateType, "warm-up");

        // 40 keys x 5 writes issued back to back (not awaited in between), interleaved across keys: each write
        // expects the previous one's ETag, so any reordering or two concurrent batches on one key would conflict.
        var writes = new List<Task<long>>();
        for (var etag = 0; etag < 5; etag++)
        {
            for (var key = 0; key < 40; key++)
            {
                writes.Add(storage.WriteAsync(stateType, $"k{key}", System.Text.Encoding.UTF8.GetBytes($$"""{"v":{{etag}}}"""), etag).AsTask());
            }
        }

        var results = await Task.WhenAll(writes);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i / 40 + 1, results[i]);
        }

        for (var key = 0; key < 40; key++)
        {
            var record = await storage.ReadAsync(stateType, $"k{key}");
            Assert.Equal(5, record!.Etag);
            Assert.Equal("""{"v":4}""", System.Text.Encoding.UTF8.GetString(record.Json.Span));
        }

        // A stale write to one key fails alone; the others in flight still commit.
        var stale = storage.WriteAsync(stateType, "k0", "{}"u8.ToArray(), 1).AsTask();
        var fresh = storage.WriteAsync(stateType, "k1", "{}"u8.ToArray(), 5).AsTask();
        await Assert.ThrowsAsync<GrainStateConflictException>(() => stale);
        Assert.Equal(6, await fresh);
    }

    [Fact]
    public void Writer_loops_below_one_are_rejected() =>
        Assert.ThrowsAny<ArgumentException>(() => new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = postgres.Server.ConnectionString,
            WriterLoops = 0,
        }));
}
