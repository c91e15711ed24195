using System.Text.Json.Nodes;
using Orleans.Storage;
using Xunit;

namespace OrleansVm.TestSupport;

/// <summary>
/// The contract of Orleans' <see cref="IGrainStorage"/> as OrleansVm relies on it, written once and run against
/// every provider: Orleans' memory provider, the project's SQLite and PostgreSQL providers, and Orleans' ADO.NET
/// provider on PostgreSQL. Each provider is registered by name on a real silo (<see cref="GrainStorageSiloFixture"/>)
/// and resolved the way Orleans resolves it. Every test uses fresh grain ids, so tests share one silo and store.
/// Where a stock provider legitimately differs, <see cref="Semantics"/> says so and the test asserts that side.
/// </summary>
public abstract class OrleansGrainStorageConformanceTests(GrainStorageSiloFixture silo) : IAsyncLifetime
{
    protected const string StateName = "state";

    protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>How this provider differs, where Orleans' providers differ from each other.</summary>
    protected abstract GrainStorageSemantics Semantics { get; }

    /// <summary>Prepares the backing store (a database, a file) and returns how to register the provider as <see cref="GrainStorageSiloFixture.StorageName"/>.</summary>
    protected abstract Task<Action<ISiloBuilder>> ConfigureAsync();

    public async Task InitializeAsync() => Storage = await silo.GetStorageAsync(ConfigureAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    protected static GrainId NewGrainId() => GrainId.Create("conformance", Guid.NewGuid().ToString("N"));

    protected static ConformanceState SampleState(string name = "sample", int counter = 7) => new()
    {
        Name = name,
        Counter = counter,
        Tags = ["a", "b", "ünïcødé 🙂"],
        Scores = new() { ["x"] = 1, ["y"] = long.MaxValue },
        Child = new ConformanceChild
        {
            Id = "child",
            At = new DateTimeOffset(2026, 11, 29, 3, 15, 0, TimeSpan.FromHours(2)),
            Children = [new ConformanceChild { Id = "grandchild" }],
        },
        Document = JsonNode.Parse("""{"nested":{"list":[1,2.5,"three",null,true,{"deep":[]}]},"empty":{},"text":"quote \" and \\ backslash"}""")!.AsObject(),
        Settings = new JsonObject { ["mode"] = "strict", ["limits"] = new JsonArray(1, 2, 3) },
    };

    protected async Task<ConformanceGrainState> ReadAsync(GrainId grainId)
    {
        var state = new ConformanceGrainState(new ConformanceState());
        await Storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    protected async Task<ConformanceGrainState> WriteNewAsync(GrainId grainId, ConformanceState value)
    {
        var state = new ConformanceGrainState(value);
        await Storage.WriteStateAsync(StateName, grainId, state);
        return state;
    }

    protected static void AssertSameState(ConformanceState expected, ConformanceState actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Counter, actual.Counter);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.Child?.Id, actual.Child?.Id);
        Assert.Equal(expected.Child?.At, actual.Child?.At);
        Assert.Equal(expected.Child?.Children.Select(c => c.Id), actual.Child?.Children.Select(c => c.Id));
        Assert.True(JsonNode.DeepEquals(expected.Document, actual.Document), $"Document differs: {actual.Document?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(expected.Settings, actual.Settings), $"Settings differ: {actual.Settings.ToJsonString()}");
    }

    [Fact]
    public async Task Read_of_a_state_never_written_has_no_etag_and_no_record()
    {
        var state = new ConformanceGrainState(new ConformanceState { Name = "left by the caller" });

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name); // a fresh instance, not the caller's object
    }

    [Fact]
    public async Task Write_then_read_round_trips_every_member_including_json_objects()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, SampleState());

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSameState(SampleState(), read.State);
    }

    [Fact]
    public async Task Each_write_issues_a_new_etag_and_the_next_write_must_carry_it()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, SampleState(counter: 1));
        var seen = new HashSet<string?> { state.ETag };

        for (var counter = 2; counter <= 5; counter++)
        {
            state.State.Counter = counter;
            await Storage.WriteStateAsync(StateName, grainId, state);
            Assert.True(seen.Add(state.ETag), $"ETag {state.ETag} issued twice");
        }

        var read = await ReadAsync(grainId);
        Assert.Equal((5, state.ETag), (read.State.Counter, read.ETag));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_InconsistentStateException_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var first = await WriteNewAsync(grainId, SampleState("first"));
        var staleEtag = first.ETag;
        first.State.Name = "second";
        await Storage.WriteStateAsync(StateName, grainId, first);

        var stale = new ConformanceGrainState(SampleState("lost"), staleEtag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.Equal(("second", first.ETag), (read.State.Name, read.ETag));
    }

    [Fact]
    public async Task A_write_without_etag_over_an_existing_state_throws_InconsistentStateException_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var existing = await WriteNewAsync(grainId, SampleState("kept"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(grainId, SampleState("as-new")));

        var read = await ReadAsync(grainId);
        Assert.Equal(("kept", existing.ETag), (read.State.Name, read.ETag));
    }

    [Fact]
    public async Task A_write_with_an_etag_the_provider_never_issued_fails_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var existing = await WriteNewAsync(grainId, SampleState("kept"));

        var foreign = new ConformanceGrainState(SampleState("foreign"), "not-an-etag-of-this-store") { RecordExists = true };
        var error = await Record.ExceptionAsync(() => Storage.WriteStateAsync(StateName, grainId, foreign));

        Assert.NotNull(error);
        Assert.Equal(Semantics.ForeignEtagIsInconsistentState, error is InconsistentStateException);
        var read = await ReadAsync(grainId);
        Assert.Equal(("kept", existing.ETag), (read.State.Name, read.ETag));
    }

    [Fact]
    public async Task Clear_removes_the_state_and_a_later_write_with_the_etag_it_left_succeeds()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, SampleState("before clear"));

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Equal(Semantics.ClearKeepsEtag, state.ETag is not null);
        Assert.Equal("", state.State.Name); // a fresh instance
        var afterClear = await ReadAsync(grainId);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(state.ETag, afterClear.ETag);
        Assert.Equal("", afterClear.State.Name);

        state.State = SampleState("after clear");
        await Storage.WriteStateAsync(StateName, grainId, state);

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        AssertSameState(SampleState("after clear"), read.State);
    }

    [Fact]
    public async Task After_a_clear_stale_writers_are_kept_out_except_where_the_provider_restarts_etags()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, SampleState("v1"));
        var preClearEtag = state.ETag;
        await Storage.ClearStateAsync(StateName, grainId, state);

        // A writer one version behind: refused by every provider.
        var stale = new ConformanceGrainState(SampleState("stale"), preClearEtag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        // A writer that last saw "no state" (ETag null), e.g. an activation that read before the first write.
        var fromBeforeFirstWrite = new ConformanceGrainState(SampleState("from before the first write"));
        var error = await Record.ExceptionAsync(() => Storage.WriteStateAsync(StateName, grainId, fromBeforeFirstWrite));
        if (Semantics.ClearKeepsEtag)
        {
            Assert.IsType<InconsistentStateException>(error);
            Assert.False((await ReadAsync(grainId)).RecordExists);
        }
        else
        {
            // Memory: the clear deleted the entry and its ETag, so the ETag sequence restarts and this writer wins (ABA).
            Assert.Null(error);
            Assert.Equal("from before the first write", (await ReadAsync(grainId)).State.Name);
        }
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_state()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, SampleState("v1"));
        var staleEtag = state.ETag;
        state.State.Name = "v2";
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = new ConformanceGrainState(new ConformanceState(), staleEtag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.Equal(("v2", state.ETag, true), (read.State.Name, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Clear_of_a_state_never_written_succeeds_and_leaves_no_record()
    {
        var grainId = NewGrainId();
        var state = new ConformanceGrainState(new ConformanceState());

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        state.State = SampleState("written after clear");
        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("written after clear", (await ReadAsync(grainId)).State.Name);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_exactly_one_wins_the_others_get_InconsistentStateException()
    {
        var grainId = NewGrainId();
        var origin = await WriteNewAsync(grainId, SampleState("origin"));
        var racers = Enumerable.Range(0, 16)
            .Select(i => new ConformanceGrainState(SampleState($"racer-{i}", i), origin.ETag) { RecordExists = true })
            .ToArray();

        var attempts = racers.Select(racer => Task.Run(() => Storage.WriteStateAsync(StateName, grainId, racer))).ToArray();
        await Task.WhenAll(attempts.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)));

        var winners = attempts.Select((task, i) => (task, i)).Where(a => a.task.IsCompletedSuccessfully).ToList();
        Assert.Single(winners);
        Assert.All(attempts.Where(task => !task.IsCompletedSuccessfully),
            task => Assert.IsType<InconsistentStateException>(task.Exception!.InnerException));
        var read = await ReadAsync(grainId);
        Assert.Equal(($"racer-{winners[0].i}", racers[winners[0].i].ETag), (read.State.Name, read.ETag));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_all_land()
    {
        var grainIds = Enumerable.Range(0, 64).Select(_ => NewGrainId()).ToArray();

        var states = await Task.WhenAll(grainIds.Select((grainId, i) => Task.Run(async () =>
        {
            var state = await WriteNewAsync(grainId, SampleState($"grain-{i}", 0));
            for (var round = 1; round <= 5; round++)
            {
                state.State.Counter = round;
                await Storage.WriteStateAsync(StateName, grainId, state);
            }

            return state;
        })));

        for (var i = 0; i < grainIds.Length; i++)
        {
            var read = await ReadAsync(grainIds[i]);
            Assert.Equal(($"grain-{i}", 5, states[i].ETag), (read.State.Name, read.State.Counter, read.ETag));
        }
    }

    [Fact]
    public async Task Two_state_names_of_one_grain_and_one_state_name_of_two_grains_are_separate()
    {
        var grainId = NewGrainId();
        var other = NewGrainId();
        await WriteNewAsync(grainId, SampleState("main"));
        await Storage.WriteStateAsync("other-state", grainId, new ConformanceGrainState(SampleState("other-name")));
        await WriteNewAsync(other, SampleState("other-grain"));

        Assert.Equal("main", (await ReadAsync(grainId)).State.Name);
        Assert.Equal("other-grain", (await ReadAsync(other)).State.Name);
        var otherName = new ConformanceGrainState(new ConformanceState());
        await Storage.ReadStateAsync("other-state", grainId, otherName);
        Assert.Equal("other-name", otherName.State.Name);
    }

    [Fact]
    public async Task A_second_activation_reads_what_the_first_wrote_and_its_write_makes_the_first_stale()
    {
        var grainId = NewGrainId();
        var first = await WriteNewAsync(grainId, SampleState("first activation"));

        var second = await ReadAsync(grainId);
        second.State.Name = "second activation";
        await Storage.WriteStateAsync(StateName, grainId, second);

        first.State.Name = "first again";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, first));
        Assert.Equal("second activation", (await ReadAsync(grainId)).State.Name);
    }
}
