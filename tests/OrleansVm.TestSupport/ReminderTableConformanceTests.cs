using Xunit;

namespace OrleansVm.TestSupport;

/// <summary>
/// The contract of Orleans' <see cref="IReminderTable"/> the reminder service relies on, run against the
/// project's SQLite table and Orleans' ADO.NET table on PostgreSQL: upsert issues a new ETag, removal needs
/// the current one, reads by grain and by ring range. Tests share one table, so each one checks only the
/// grains it created.
/// </summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    protected IReminderTable Table { get; private set; } = null!;

    protected abstract Task<IReminderTable> OpenTableAsync();

    public async Task InitializeAsync() => Table = await OpenTableAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static GrainId NewGrainId() => GrainId.Create("reminder-conformance", Guid.NewGuid().ToString("N"));

    // Millisecond precision: PostgreSQL's timestamptz(3) keeps no more.
    protected static readonly DateTime StartAt = new(2026, 11, 29, 3, 15, 42, 123, DateTimeKind.Utc);

    protected static ReminderEntry Entry(GrainId grainId, string name, TimeSpan? period = null) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = StartAt,
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    /// <summary>Upserts and returns the ETag, which a table must always issue.</summary>
    protected async Task<string> UpsertAsync(ReminderEntry entry) =>
        await Table.UpsertRow(entry) ?? throw new Xunit.Sdk.XunitException("UpsertRow returned no ETag.");

    [Fact]
    public async Task Upsert_then_read_returns_the_entry_with_the_etag_upsert_returned()
    {
        var grainId = NewGrainId();

        var etag = await UpsertAsync(Entry(grainId, "outbox", TimeSpan.FromSeconds(90)));

        Assert.False(string.IsNullOrEmpty(etag));
        var row = await Table.ReadRow(grainId, "outbox");
        Assert.NotNull(row);
        Assert.Equal((grainId, "outbox", StartAt, TimeSpan.FromSeconds(90), etag), (row.GrainId, row.ReminderName, row.StartAt.ToUniversalTime(), row.Period, row.ETag));
    }

    [Fact]
    public async Task Read_of_a_missing_reminder_is_null_and_its_grain_has_no_rows()
    {
        var grainId = NewGrainId();

        Assert.Null(await Table.ReadRow(grainId, "none"));
        Assert.Empty((await Table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_entry_and_issues_a_new_etag()
    {
        var grainId = NewGrainId();
        var first = await UpsertAsync(Entry(grainId, "r", TimeSpan.FromMinutes(1)));

        var second = await UpsertAsync(Entry(grainId, "r", TimeSpan.FromMinutes(5)));

        Assert.NotEqual(first, second);
        var row = await Table.ReadRow(grainId, "r");
        Assert.Equal((TimeSpan.FromMinutes(5), second), (row!.Period, row.ETag));
        Assert.Single((await Table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task Remove_needs_the_current_etag_a_stale_one_changes_nothing()
    {
        var grainId = NewGrainId();
        var stale = await UpsertAsync(Entry(grainId, "r"));
        var current = await UpsertAsync(Entry(grainId, "r"));

        Assert.False(await Table.RemoveRow(grainId, "r", stale));
        Assert.NotNull(await Table.ReadRow(grainId, "r"));

        Assert.True(await Table.RemoveRow(grainId, "r", current));
        Assert.Null(await Table.ReadRow(grainId, "r"));
        Assert.False(await Table.RemoveRow(grainId, "r", current));
    }

    [Fact]
    public async Task A_removed_and_recreated_reminder_cannot_be_removed_with_an_etag_of_its_predecessor_unless_etags_restart()
    {
        var grainId = NewGrainId();
        var old = await UpsertAsync(Entry(grainId, "r"));
        Assert.True(await Table.RemoveRow(grainId, "r", old));

        var recreated = await UpsertAsync(Entry(grainId, "r"));

        Assert.Equal(EtagsRestartAfterRemoval, recreated == old);
        Assert.Equal(EtagsRestartAfterRemoval, await Table.RemoveRow(grainId, "r", old));
    }

    /// <summary>
    /// Orleans' ADO.NET table versions each row from 0, so a re-created reminder gets its predecessor's ETag
    /// back; the SQLite table draws ETags from one growing counter, so it never does.
    /// </summary>
    protected abstract bool EtagsRestartAfterRemoval { get; }

    [Fact]
    public async Task ReadRows_of_a_grain_returns_all_its_reminders_and_no_other_grains()
    {
        var grainId = NewGrainId();
        var other = NewGrainId();
        await UpsertAsync(Entry(grainId, "a"));
        await UpsertAsync(Entry(grainId, "b"));
        await UpsertAsync(Entry(other, "a"));

        var rows = (await Table.ReadRows(grainId)).Reminders;

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal(grainId, row.GrainId));
    }

    [Fact]
    public async Task ReadRows_by_range_returns_the_grains_whose_hash_is_in_the_ring_range_including_wrap_around()
    {
        var grainIds = Enumerable.Range(0, 40).Select(_ => NewGrainId()).ToList();
        foreach (var grainId in grainIds)
        {
            await UpsertAsync(Entry(grainId, "ranged"));
        }

        var hashes = grainIds.Select(g => g.GetUniformHashCode()).Order().ToList();
        var low = hashes[10];
        var high = hashes[30];

        // (low, high]: exactly the 20 grains above low up to high.
        await AssertRangeAsync(grainIds, low, high, hash => hash > low && hash <= high, expectedCount: 20);
        // (high, low]: wraps around zero, the other 20.
        await AssertRangeAsync(grainIds, high, low, hash => hash > high || hash <= low, expectedCount: 20);
    }

    private async Task AssertRangeAsync(List<GrainId> mine, uint begin, uint end, Func<uint, bool> inRange, int expectedCount)
    {
        var rows = (await Table.ReadRows(begin, end)).Reminders;
        var returned = rows.Select(r => r.GrainId).Where(mine.Contains).ToHashSet();
        var expected = mine.Where(g => inRange(g.GetUniformHashCode())).ToHashSet();

        Assert.Equal(expectedCount, expected.Count);
        Assert.Equal(expected, returned);
        Assert.All(rows, row => Assert.True(inRange(row.GrainId.GetUniformHashCode()), $"{row.GrainId} is outside ({begin}, {end}]"));
    }
}
