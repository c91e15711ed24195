using Orleans.TestingHost;
using OrleansVm.Storage;
using OrleansVm.Testing;
using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>Every scenario on in-memory state and reminders kept in the test process, so they survive the silo restarts the scenarios make.</summary>
public sealed class MemoryGrainScenarios : GrainScenarios
{
    private readonly OrleansVmTestStore _store = new();

    protected override void AddStorage(InProcessTestClusterBuilder builder) => builder.UseSharedStore(_store);
}

/// <summary>Every scenario on SQLite state and reminders, the embedded default (a fresh file per test).</summary>
public sealed class SqliteGrainScenarios : GrainScenarios
{
    private readonly TempDirectory _directory = new("orleansvm-grains");

    protected override void ConfigureStorage(OrleansVmOptions options) => options.UseSqlite(_directory.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>Every scenario on PostgreSQL state and ADO.NET reminders (a fresh database per test on the shared throwaway server).</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGrainScenarios(PostgresServerFixture postgres) : GrainScenarios
{
    private string _connectionString = "";

    protected override async Task PrepareStorageAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("grains");
        await OrleansVmPostgresSchema.EnsureAsync(_connectionString);
    }

    protected override void ConfigureStorage(OrleansVmOptions options) => options.UsePostgres(_connectionString);
}
