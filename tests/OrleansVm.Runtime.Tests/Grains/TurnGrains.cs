using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Tracks how many turns run at once; yields mid-turn to give interleaving a chance.</summary>
    Task<int> Tracked();

    Task<int> MaxConcurrency();

    Task Block(string gate);

    Task Record(int value);

    Task<int[]> Recorded();

    [AlwaysInterleave]
    Task<string> Interleaved();

    [ReadOnly]
    Task ReadOnlyRendezvous(string name, int parties);
}

public sealed class TurnGrain(TestProbe probe) : Grain, ITurnGrain
{
    private readonly List<int> _recorded = [];
    private int _current;
    private int _max;
    private int _calls;

    public async Task<int> Tracked()
    {
        var now = Interlocked.Increment(ref _current);
        _max = Math.Max(_max, now);
        await Task.Yield();
        _calls++;
        Interlocked.Decrement(ref _current);
        return _calls;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_max);

    public async Task Block(string gate)
    {
        probe.Set(gate + ":entered");
        await probe.WaitFor(gate);
    }

    public Task Record(int value)
    {
        _recorded.Add(value);
        return Task.CompletedTask;
    }

    public Task<int[]> Recorded() => Task.FromResult(_recorded.ToArray());

    public Task<string> Interleaved() => Task.FromResult("interleaved");

    public Task ReadOnlyRendezvous(string name, int parties) => probe.Arrive(name, parties);
}

public interface IReentrantGrain : IGrainWithStringKey
{
    Task Rendezvous(string name, int parties);
}

[Reentrant]
public sealed class ReentrantGrain(TestProbe probe) : Grain, IReentrantGrain
{
    public Task Rendezvous(string name, int parties) => probe.Arrive(name, parties);
}

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>A → B → A: calls <paramref name="otherKey"/>, which calls back this grain.</summary>
    Task<string> Start(string otherKey);

    Task<string> CallBack(string originKey);

    Task<string> Hello();

    Task<string> CallSelf();
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> Start(string otherKey) =>
        "start>" + await GrainFactory.GetGrain<IChainGrain>(otherKey).CallBack(this.GetPrimaryKeyString());

    public async Task<string> CallBack(string originKey) =>
        "callback>" + await GrainFactory.GetGrain<IChainGrain>(originKey).Hello();

    public Task<string> Hello() => Task.FromResult("hello from " + this.GetPrimaryKeyString());

    public Task<string> CallSelf() => GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyString()).Hello();
}
