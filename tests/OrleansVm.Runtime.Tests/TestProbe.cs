using System.Collections.Concurrent;
using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

/// <summary>Shared between a test and its grains (registered as a singleton): gates, rendezvous, counters and events.</summary>
public sealed class TestProbe
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentDictionary<string, (int Arrived, TaskCompletionSource AllArrived)> _rendezvous = new();

    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>A factory for external callers, set by tests that need one inside grains.</summary>
    public IGrainFactory? Client { get; set; }

    public TaskCompletionSource Signal(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Set(string name) => Signal(name).TrySetResult();

    public Task WaitFor(string name) => Signal(name).Task.WaitAsync(Patience);

    public int Increment(string counter) => _counters.AddOrUpdate(counter, 1, (_, value) => value + 1);

    public int Count(string counter) => _counters.TryGetValue(counter, out var value) ? value : 0;

    /// <summary>Completes once <paramref name="parties"/> callers arrived; only possible if they run concurrently.</summary>
    public Task Arrive(string name, int parties)
    {
        var entry = _rendezvous.AddOrUpdate(
            name,
            _ => (1, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)),
            (_, existing) => (existing.Arrived + 1, existing.AllArrived));
        if (entry.Arrived >= parties)
        {
            entry.AllArrived.TrySetResult();
        }

        return entry.AllArrived.Task.WaitAsync(Patience);
    }
}

public static class TaskTestExtensions
{
    /// <summary>Polls <paramref name="condition"/> (running <paramref name="step"/> before each check) until true; fails after the patience.</summary>
    public static async Task Eventually(Func<bool> condition, Action? step = null)
    {
        var deadline = DateTime.UtcNow + TestProbe.Patience;
        while (true)
        {
            step?.Invoke();
            if (condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Fails the test instead of hanging when something that must complete does not.</summary>
    public static Task Within(this Task task) => task.WaitAsync(TestProbe.Patience);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(TestProbe.Patience);
}
