using Microsoft.Data.Sqlite;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Providers;

public sealed class SqliteProviderTests : SqlProviderTests
{
    private readonly TempDirectory _directory = new("orleansvm-sqlite");

    private string DatabasePath => _directory.Combine("data", SqliteGrainStorageOptions.DefaultFileName);

    protected override SqlGrainStateStore CreateProvider(string tableName, bool groupCommit, int maxBatchSize, bool ensureSchema)
    {
        var options = SqliteGrainStorageOptions.ForDataDirectory(_directory.Combine("data"));
        options.TableName = tableName;
        options.GroupCommit = groupCommit;
        options.MaxBatchSize = maxBatchSize;
        options.EnsureSchema = ensureSchema;
        return new SqliteGrainStateStore(options);
    }

    protected override async Task<object?> ExecuteScalarAsync(string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task The_database_is_one_file_under_the_data_directory_in_wal_mode_with_the_schema_applied()
    {
        var storage = (SqliteGrainStateStore)Open();

        await storage.WriteAsync("s", "k", "{}"u8.ToArray(), 0);

        Assert.Equal(DatabasePath, storage.DatabasePath);
        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ExecuteScalarAsync("PRAGMA journal_mode"));
        Assert.Equal("grain_state", await ExecuteScalarAsync("SELECT name FROM sqlite_master WHERE type = 'table'"));
    }
}
