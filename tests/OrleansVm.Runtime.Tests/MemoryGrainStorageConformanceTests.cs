using OrleansVm.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Runtime.Tests;

/// <summary>The in-memory provider passes the same contract suite as SQLite and PostgreSQL.</summary>
public sealed class MemoryGrainStorageConformanceTests : GrainStorageConformanceTests
{
    private readonly MemoryGrainStorage _shared = new();

    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(_shared);
}
