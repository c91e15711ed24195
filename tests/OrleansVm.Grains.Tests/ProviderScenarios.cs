using OrleansVm.Runtime;
using OrleansVm.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>Every scenario on the in-memory provider (the runtime's test storage).</summary>
public sealed class MemoryGrainScenarios : GrainScenarios
{
    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new MemoryGrainStorage());
}

/// <summary>Every scenario on SQLite, the embedded default (a fresh file per test).</summary>
public sealed class SqliteGrainScenarios : GrainScenarios
{
    private readonly TempDirectory _directory = new("orleansvm-grains");

    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(SqliteGrainStorageOptions.ForDataDirectory(_directory.Path)));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>Every scenario on PostgreSQL (a fresh database per test on the shared throwaway server).</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGrainScenarios(PostgresServerFixture postgres) : GrainScenarios
{
    protected override async Task<IGrainStorage> CreateStorageAsync() =>
        new PostgresGrainStorage(new PostgresGrainStorageOptions
        {
            ConnectionString = await postgres.CreateDatabaseAsync("grains"),
            EnsureSchema = true,
        });
}
