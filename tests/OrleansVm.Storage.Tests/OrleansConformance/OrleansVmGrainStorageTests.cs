using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.OrleansConformance;

/// <summary>What the adapter adds beyond the shared contract: its ETag mapping, its errors, its start-up check.</summary>
public sealed class OrleansVmGrainStorageTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("orleansvm-adapter");
    private SqliteGrainStateStore _store = null!;
    private OrleansVmGrainStorage _storage = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteGrainStateStore(new SqliteGrainStorageOptions { DatabasePath = _directory.Combine("state.db") });
        _storage = new OrleansVmGrainStorage("adapter", _store, OrleansVmJsonGrainStorageSerializer.Default, NullLogger<OrleansVmGrainStorage>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        _directory.Dispose();
    }

    private static GrainId NewGrainId() => GrainId.Create("adapter", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("0")]   // our "no record", but Orleans says "no record" with null
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("99999999999999999999")] // beyond long
    public async Task An_etag_that_is_not_a_positive_decimal_integer_is_a_conflict_and_writes_nothing(string etag)
    {
        var grainId = NewGrainId();

        var state = new ConformanceGrainState(new ConformanceState { Name = "x" }, etag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", grainId, state));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("state", grainId, state));

        Assert.Null(await _store.ReadAsync("state", grainId.ToString()));
    }

    [Fact]
    public async Task The_etag_is_the_record_stores_integer_in_decimal_and_the_conflict_carries_both_etags()
    {
        var grainId = NewGrainId();
        var state = new ConformanceGrainState(new ConformanceState());
        await _storage.WriteStateAsync("state", grainId, state);
        await _storage.WriteStateAsync("state", grainId, state);

        Assert.Equal("2", state.ETag);
        Assert.Equal(2, (await _store.ReadAsync("state", grainId.ToString()))!.Etag);

        var stale = new ConformanceGrainState(new ConformanceState(), "1");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", grainId, stale));
        Assert.Equal(("2", "1"), (conflict.StoredEtag, conflict.CurrentEtag));
        Assert.IsType<GrainStateConflictException>(conflict.InnerException);
    }

    [Fact]
    public async Task A_stored_state_that_does_not_deserialize_fails_the_read_and_is_left_alone()
    {
        var grainId = NewGrainId();
        await _store.WriteAsync("state", grainId.ToString(), """{"Counter":"not a number"}"""u8.ToArray(), 0);

        await Assert.ThrowsAsync<JsonException>(() => _storage.ReadStateAsync("state", grainId, new ConformanceGrainState(new ConformanceState())));

        Assert.Equal(1, (await _store.ReadAsync("state", grainId.ToString()))!.Etag);
    }

    [Fact]
    public async Task A_silo_whose_sqlite_path_cannot_be_created_fails_to_start()
    {
        var blocker = _directory.Combine("a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        var silo = new GrainStorageSiloFixture();
        try
        {
            var error = await Record.ExceptionAsync(() => silo.StartAsync(() => Task.FromResult<Action<ISiloBuilder>>(builder =>
                builder.AddOrleansVmSqliteGrainStorage("broken", options => options.DatabasePath = Path.Combine(blocker, "state.db")))));

            Assert.NotNull(error);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
