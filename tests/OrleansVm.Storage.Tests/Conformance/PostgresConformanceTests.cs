using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Conformance;

/// <summary>Runs against the shared server's database; tests stay apart through their own state types.</summary>
public abstract class PostgresConformanceTestsBase(PostgresServerFixture postgres, bool groupCommit) : GrainStateStoreConformanceTests
{
    protected override Task<IGrainStateStore> CreateStorageAsync() =>
        Task.FromResult<IGrainStateStore>(new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = postgres.Server.ConnectionString,
            GroupCommit = groupCommit,
            EnsureSchema = true,
        }));
}

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGroupCommitConformanceTests(PostgresServerFixture postgres) : PostgresConformanceTestsBase(postgres, groupCommit: true);

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresTransactionPerWriteConformanceTests(PostgresServerFixture postgres) : PostgresConformanceTestsBase(postgres, groupCommit: false);
