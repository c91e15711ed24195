using System.Diagnostics;
using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Thousand_concurrent_callers_never_interleave_a_non_reentrant_turn()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("hot");

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Tracked())).ToArray();
        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(1, await grain.MaxConcurrency());
        // Every turn saw a distinct count: no increment was lost to a concurrent turn.
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task Queued_calls_run_in_arrival_order()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("ordered");

        var blocker = grain.Block("order-gate");
        await probe.WaitFor("order-gate:entered");
        var records = Enumerable.Range(0, 200).Select(grain.Record).ToArray();
        probe.Set("order-gate");
        await Task.WhenAll(records.Append(blocker)).Within();

        Assert.Equal(Enumerable.Range(0, 200), await grain.Recorded());
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_calls()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<IReentrantGrain>("r");

        // Each call waits until all three are inside the grain at once.
        await Task.WhenAll(grain.Rendezvous("r", 3), grain.Rendezvous("r", 3), grain.Rendezvous("r", 3)).Within();
    }

    [Fact]
    public async Task ReadOnly_calls_interleave_with_each_other()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("ro");

        await Task.WhenAll(grain.ReadOnlyRendezvous("ro", 2), grain.ReadOnlyRendezvous("ro", 2)).Within();
    }

    [Fact]
    public async Task Exclusive_call_waits_for_running_read_only_calls()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("ro-then-write");

        // Two read-only turns run together, each waiting for a third party; a write arrives meanwhile.
        var readers = new[] { grain.ReadOnlyRendezvous("readers", 3), grain.ReadOnlyRendezvous("readers", 3) };
        var writer = grain.Record(1);

        Assert.False(writer.IsCompleted);
        await probe.Arrive("readers", 3); // the third party: both readers can now finish
        await Task.WhenAll(readers.Append(writer)).Within();
        Assert.Equal(new[] { 1 }, await grain.Recorded());
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_a_turn_is_blocked()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("ai");

        var blocker = grain.Block("ai-gate");
        await probe.WaitFor("ai-gate:entered");

        Assert.Equal("interleaved", await grain.Interleaved().Within());
        var queued = grain.Record(7);
        Assert.False(blocker.IsCompleted);
        Assert.False(queued.IsCompleted); // a normal call still waits its turn

        probe.Set("ai-gate");
        await Task.WhenAll(blocker, queued).Within();
    }

    [Fact]
    public async Task Call_chain_back_to_a_waiting_grain_is_reentrant_and_quick()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.Configure(o => o.ResponseTimeout = TimeSpan.FromSeconds(30)));
        var a = cluster.Client.GetGrain<IChainGrain>("A");

        var watch = Stopwatch.StartNew();
        var result = await a.Start("B").Within();
        watch.Stop();

        Assert.Equal("start>callback>hello from A", result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"A → B → A took {watch.Elapsed}");
        Assert.Equal("hello from A", await a.CallSelf().Within());
    }

    [Fact]
    public async Task Call_chain_reentrancy_does_not_let_unrelated_callers_in()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITurnGrain>("chain-exclusive");

        var blocker = grain.Block("chain-gate");
        await probe.WaitFor("chain-gate:entered");
        var other = grain.Record(1); // not in the blocker's chain

        Assert.False(other.IsCompleted);
        probe.Set("chain-gate");
        await Task.WhenAll(blocker, other).Within();
    }
}
