using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Conformance;

public abstract class SqliteConformanceTestsBase(bool groupCommit) : GrainStateStoreConformanceTests
{
    private readonly TempDirectory _directory = new("orleansvm-sqlite");

    protected override Task<IGrainStateStore> CreateStorageAsync() =>
        Task.FromResult<IGrainStateStore>(new SqliteGrainStateStore(new SqliteGrainStorageOptions
        {
            DatabasePath = _directory.Combine("state.db"),
            GroupCommit = groupCommit,
        }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

public sealed class SqliteGroupCommitConformanceTests() : SqliteConformanceTestsBase(groupCommit: true);

public sealed class SqliteTransactionPerWriteConformanceTests() : SqliteConformanceTestsBase(groupCommit: false);
