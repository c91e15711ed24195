using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Conformance;

public abstract class SqliteConformanceTestsBase(bool groupCommit) : GrainStorageConformanceTests
{
    private readonly TempDirectory directory = new("orleansvm-sqlite");

    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(new SqliteGrainStorageOptions
        {
            DatabasePath = directory.Combine("state.db"),
            GroupCommit = groupCommit,
        }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        directory.Dispose();
    }
}

public sealed class SqliteGroupCommitConformanceTests() : SqliteConformanceTestsBase(groupCommit: true);

public sealed class SqliteTransactionPerWriteConformanceTests() : SqliteConformanceTestsBase(groupCommit: false);
