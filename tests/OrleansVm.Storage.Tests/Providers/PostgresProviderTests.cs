using Npgsql;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Providers;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresProviderTests(PostgresServerFixture postgres) : SqlProviderTests
{
    protected override SqlGrainStorage CreateProvider(string tableName, bool groupCommit, int maxBatchSize, bool ensureSchema) =>
        new PostgresGrainStorage(new PostgresGrainStorageOptions
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
    public async Task A_shared_data_source_is_used_and_left_open()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.Server.ConnectionString);
        var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { DataSource = dataSource, EnsureSchema = true });

        await storage.WriteAsync("shared-source", Guid.NewGuid().ToString(), "{}"u8.ToArray(), 0);
        await storage.DisposeAsync();

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }
}
