using System.Text;
using System.Text.Json;
using OrleansVm.Storage;
using Xunit;

namespace OrleansVm.TestSupport;

/// <summary>
/// The provider contract of <see cref="IGrainStateStore"/>, written once, for every provider (SQLite, PostgreSQL,
/// in-memory...). A test assembly derives a class from this and says how to open an instance over its
/// backing store; a second call must see the same data (that is how "reopen" is tested; an in-memory
/// provider simply returns the same shared instance). Every test uses its own state type, so instances
/// may share one store. xunit runs the inherited tests in the deriving assembly.
/// </summary>
public abstract class GrainStateStoreConformanceTests : IAsyncLifetime
{
    private readonly List<IGrainStateStore> _openedStorages = [];

    protected GrainStateStoreConformanceTests()
    {
        StateType = $"conformance-{Guid.NewGuid():N}";
    }

    protected string StateType { get; }

    protected IGrainStateStore Storage { get; private set; } = null!;

    /// <summary>A new provider instance over the same backing store as every earlier call in this test.</summary>
    protected abstract Task<IGrainStateStore> CreateStorageAsync();

    public virtual async Task InitializeAsync() => Storage = await OpenStorageAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _openedStorages)
        {
            if (storage is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    protected async Task<IGrainStateStore> OpenStorageAsync()
    {
        var storage = await CreateStorageAsync();
        _openedStorages.Add(storage);
        return storage;
    }

    protected static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(GrainStateRecord? record) => Encoding.UTF8.GetString(Assert.IsType<GrainStateRecord>(record).Json.Span);

    [Fact]
    public async Task Read_of_a_record_never_written_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(StateType, "missing"));
    }

    [Fact]
    public async Task First_write_with_etag_zero_returns_etag_one_and_reads_back()
    {
        var etag = await Storage.WriteAsync(StateType, "a", Json("""{"n":1}"""), expectedEtag: 0);

        Assert.Equal(1, etag);
        var record = await Storage.ReadAsync(StateType, "a");
        Assert.Equal("""{"n":1}""", Text(record));
        Assert.Equal(1, record!.Etag);
        Assert.False(record.IsCleared);
    }

    [Fact]
    public async Task Each_successful_write_increments_the_etag_by_one()
    {
        long etag = 0;
        for (var i = 1; i <= 5; i++)
        {
            etag = await Storage.WriteAsync(StateType, "a", Json($$"""{"n":{{i}}}"""), etag);
            Assert.Equal(i, etag);
        }

        Assert.Equal("""{"n":5}""", Text(await Storage.ReadAsync(StateType, "a")));
    }

    [Theory]
    [InlineData(0)] // stale: thinks the record does not exist yet
    [InlineData(1)] // stale: one version behind
    [InlineData(3)] // ahead: an etag the store never issued
    [InlineData(99)]
    public async Task Write_with_any_etag_but_the_stored_one_conflicts_and_changes_nothing(long wrongEtag)
    {
        var stored = await Storage.WriteAsync(StateType, "a", Json("""{"v":"one"}"""), 0);
        stored = await Storage.WriteAsync(StateType, "a", Json("""{"v":"two"}"""), stored);

        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(
            async () => await Storage.WriteAsync(StateType, "a", Json("""{"v":"lost"}"""), wrongEtag));

        Assert.Equal((StateType, "a", wrongEtag, stored), (conflict.StateType, conflict.GrainKey, conflict.ExpectedEtag, conflict.StoredEtag));
        var record = await Storage.ReadAsync(StateType, "a");
        Assert.Equal(("""{"v":"two"}""", stored), (Text(record), record!.Etag));
    }

    [Fact]
    public async Task Write_with_a_nonzero_etag_to_a_missing_record_conflicts_and_creates_nothing()
    {
        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(
            async () => await Storage.WriteAsync(StateType, "missing", Json("{}"), expectedEtag: 4));

        Assert.Equal(0, conflict.StoredEtag);
        Assert.Null(await Storage.ReadAsync(StateType, "missing"));
    }

    [Fact]
    public async Task Clear_leaves_a_tombstone_whose_etag_keeps_stale_writers_out()
    {
        var etag = await Storage.WriteAsync(StateType, "a", Json("""{"v":1}"""), 0);

        var cleared = await Storage.ClearAsync(StateType, "a", etag);

        Assert.Equal(etag + 1, cleared);
        var tombstone = await Storage.ReadAsync(StateType, "a");
        Assert.NotNull(tombstone);
        Assert.True(tombstone.IsCleared);
        Assert.Equal(cleared, tombstone.Etag);
        await Assert.ThrowsAsync<GrainStateConflictException>(async () => await Storage.WriteAsync(StateType, "a", Json("""{"v":"stale"}"""), etag));
        await Assert.ThrowsAsync<GrainStateConflictException>(async () => await Storage.WriteAsync(StateType, "a", Json("""{"v":"as-new"}"""), 0));

        var rewritten = await Storage.WriteAsync(StateType, "a", Json("""{"v":2}"""), cleared);

        Assert.Equal(cleared + 1, rewritten);
        Assert.Equal("""{"v":2}""", Text(await Storage.ReadAsync(StateType, "a")));
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_conflicts_and_keeps_the_state()
    {
        var etag = await Storage.WriteAsync(StateType, "a", Json("""{"v":1}"""), 0);
        etag = await Storage.WriteAsync(StateType, "a", Json("""{"v":2}"""), etag);

        await Assert.ThrowsAsync<GrainStateConflictException>(async () => await Storage.ClearAsync(StateType, "a", etag - 1));

        var record = await Storage.ReadAsync(StateType, "a");
        Assert.Equal(("""{"v":2}""", etag), (Text(record), record!.Etag));
    }

    [Fact]
    public async Task Clear_of_a_record_never_written_with_etag_zero_leaves_a_tombstone_with_etag_one()
    {
        Assert.Equal(1, await Storage.ClearAsync(StateType, "never", 0));

        var record = await Storage.ReadAsync(StateType, "never");
        Assert.Equal((true, 1L), (record!.IsCleared, record.Etag));
        await Assert.ThrowsAsync<GrainStateConflictException>(async () => await Storage.ClearAsync(StateType, "other-never", 3));
        Assert.Null(await Storage.ReadAsync(StateType, "other-never"));
    }

    [Fact]
    public async Task Clearing_twice_in_a_row_needs_the_tombstone_etag()
    {
        var etag = await Storage.WriteAsync(StateType, "a", Json("{}"), 0);
        var first = await Storage.ClearAsync(StateType, "a", etag);

        await Assert.ThrowsAsync<GrainStateConflictException>(async () => await Storage.ClearAsync(StateType, "a", etag));
        Assert.Equal(first + 1, await Storage.ClearAsync(StateType, "a", first));
    }

    [Fact]
    public async Task Concurrent_writes_to_many_keys_all_land()
    {
        var keys = Enumerable.Range(0, 400).Select(i => $"key-{i}").ToArray();

        var etags = await Task.WhenAll(keys.Select(key => Storage.WriteAsync(StateType, key, Json($$"""{"key":"{{key}}"}"""), 0).AsTask()));

        Assert.All(etags, etag => Assert.Equal(1, etag));
        foreach (var key in keys)
        {
            Assert.Equal($$"""{"key":"{{key}}"}""", Text(await Storage.ReadAsync(StateType, key)));
        }
    }

    [Fact]
    public async Task Concurrent_writers_of_one_key_exactly_one_wins_per_etag()
    {
        const int rounds = 8;
        const int racers = 16;
        long etag = 0;
        var winners = new List<int>();
        for (var round = 0; round < rounds; round++)
        {
            var expected = etag;
            var attempts = Enumerable.Range(0, racers)
                .Select(racer => Storage.WriteAsync(StateType, "contended", Json($$"""{"racer":{{racer}},"round":{{round}}}"""), expected).AsTask())
                .ToArray();
            try
            {
                await Task.WhenAll(attempts);
            }
            catch (GrainStateConflictException)
            {
                // expected for the losers; each attempt is inspected below
            }

            var won = attempts.Select((task, racer) => (task, racer)).Where(a => a.task.IsCompletedSuccessfully).ToList();
            Assert.Single(won);
            Assert.All(attempts.Where(task => !task.IsCompletedSuccessfully),
                task => Assert.IsType<GrainStateConflictException>(task.Exception!.InnerException));
            etag = await won[0].task;
            Assert.Equal(expected + 1, etag);
            winners.Add(won[0].racer);
        }

        var final = await Storage.ReadAsync(StateType, "contended");
        Assert.Equal(rounds, final!.Etag);
        Assert.Equal($$"""{"racer":{{winners[^1]}},"round":{{rounds - 1}}}""", Text(final));
    }

    [Fact]
    public async Task A_conflicting_write_among_concurrent_ones_fails_only_itself()
    {
        var stored = await Storage.WriteAsync(StateType, "conflicted", Json("""{"v":"kept"}"""), 0);

        // Issued back to back without awaiting: with group commit they share batches.
        var good = Enumerable.Range(0, 60).Select(i => Storage.WriteAsync(StateType, $"good-{i}", Json($$"""{"i":{{i}}}"""), 0).AsTask()).ToList();
        var bad = Storage.WriteAsync(StateType, "conflicted", Json("""{"v":"stale"}"""), 0).AsTask();
        good.AddRange(Enumerable.Range(60, 60).Select(i => Storage.WriteAsync(StateType, $"good-{i}", Json($$"""{"i":{{i}}}"""), 0).AsTask()));

        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(() => bad);
        Assert.Equal(stored, conflict.StoredEtag);
        Assert.All(await Task.WhenAll(good), etag => Assert.Equal(1, etag));
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal($$"""{"i":{{i}}}""", Text(await Storage.ReadAsync(StateType, $"good-{i}")));
        }

        Assert.Equal("""{"v":"kept"}""", Text(await Storage.ReadAsync(StateType, "conflicted")));
    }

    [Fact]
    public async Task Large_payloads_round_trip_byte_for_byte()
    {
        var big = $$"""{"blob":"{{string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + i % 26)))}}{{new string('é', 1_000_000)}}"}""";
        var json = Json(big);
        Assert.True(json.Length > 2_000_000);

        var etag = await Storage.WriteAsync(StateType, "big", json, 0);

        var record = await Storage.ReadAsync(StateType, "big");
        Assert.Equal(etag, record!.Etag);
        Assert.True(json.AsSpan().SequenceEqual(record.Json.Span), "payload differs");
    }

    [Theory]
    [InlineData("ключ/🙂/日本語")]
    [InlineData("it's \"quoted\"; DROP TABLE grain_state; --")]
    [InlineData("  spaces and\ttabs\nand newlines  ")]
    [InlineData("CaseSensitive")]
    [InlineData("casesensitive")]
    public async Task Odd_and_unicode_keys_are_stored_exactly(string key)
    {
        var stateType = StateType + "/état-🙂";
        var json = JsonSerializer.SerializeToUtf8Bytes(new { key, emoji = "🙂" });

        await Storage.WriteAsync(stateType, key, json, 0);

        var stored = await Storage.ReadAsync(stateType, key);
        Assert.Equal(json, stored!.Json.ToArray());
        Assert.Null(await Storage.ReadAsync(stateType, key.ToUpperInvariant() == key ? key.ToLowerInvariant() : key.ToUpperInvariant()));
    }

    [Fact]
    public async Task A_very_long_key_is_stored_exactly()
    {
        var key = string.Concat(Enumerable.Repeat("long-key-segment/", 200));

        await Storage.WriteAsync(StateType, key, Json("[1]"), 0);

        Assert.Equal("[1]", Text(await Storage.ReadAsync(StateType, key)));
    }

    [Fact]
    public async Task The_same_grain_key_under_two_state_types_is_two_records()
    {
        await Storage.WriteAsync(StateType, "k", Json("1"), 0);
        await Storage.WriteAsync(StateType + "-other", "k", Json("2"), 0);

        Assert.Equal("1", Text(await Storage.ReadAsync(StateType, "k")));
        Assert.Equal("2", Text(await Storage.ReadAsync(StateType + "-other", "k")));
    }

    [Fact]
    public async Task A_write_or_clear_cancelled_before_it_starts_throws_and_changes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Storage.WriteAsync(StateType, "kept", Json("""{"v":1}"""), 0);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Storage.WriteAsync(StateType, "new", Json("{}"), 0, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Storage.WriteAsync(StateType, "kept", Json("""{"v":2}"""), 1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Storage.ClearAsync(StateType, "kept", 1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Storage.ReadAsync(StateType, "kept", cancelled.Token));

        Assert.Null(await Storage.ReadAsync(StateType, "new"));
        var kept = await Storage.ReadAsync(StateType, "kept");
        Assert.Equal(("""{"v":1}""", 1L), (Text(kept), kept!.Etag));
    }

    [Fact]
    public async Task Writes_racing_a_cancellation_are_all_or_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        var attempts = Enumerable.Range(0, 100)
            .Select(i => Task.Run(async () => await Storage.WriteAsync(StateType, $"k{i}", Json($$"""{"i":{{i}}}"""), 0, cancellation.Token)))
            .ToList();
        await cancellation.CancelAsync();
        await Task.WhenAll(attempts.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)));

        for (var i = 0; i < attempts.Count; i++)
        {
            var record = await Storage.ReadAsync(StateType, $"k{i}");
            if (attempts[i].IsCompletedSuccessfully)
            {
                Assert.Equal(($$"""{"i":{{i}}}""", 1L), (Text(record), record!.Etag));
            }
            else
            {
                Assert.True(attempts[i].IsCanceled, $"write {i} failed with {attempts[i].Exception}");
                Assert.Null(record);
            }
        }
    }

    [Fact]
    public async Task A_new_instance_on_the_same_store_sees_every_completed_write()
    {
        var etag = await Storage.WriteAsync(StateType, "a", Json("""{"v":"durable"}"""), 0);
        var cleared = await Storage.ClearAsync(StateType, "b", await Storage.WriteAsync(StateType, "b", Json("{}"), 0));
        if (Storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        var reopened = await OpenStorageAsync();

        var a = await reopened.ReadAsync(StateType, "a");
        Assert.Equal(("""{"v":"durable"}""", etag), (Text(a), a!.Etag));
        var b = await reopened.ReadAsync(StateType, "b");
        Assert.Equal((true, cleared), (b!.IsCleared, b.Etag));
        Assert.Equal(etag + 1, await reopened.WriteAsync(StateType, "a", Json("{}"), etag));
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_before_touching_storage()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync(StateType, "k", ReadOnlyMemory<byte>.Empty, 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync(StateType, "k", new byte[] { 0x7B, 0xC3, 0x28, 0x7D }, 0)); // invalid UTF-8
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync(StateType, "k", new byte[] { 0x22, 0x00, 0x22 }, 0)); // NUL
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync(StateType, "k", Json("{}"), -1));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync(StateType, "", Json("{}"), 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.WriteAsync("", "k", Json("{}"), 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Storage.ReadAsync(StateType, ""));

        Assert.Null(await Storage.ReadAsync(StateType, "k"));
    }
}
