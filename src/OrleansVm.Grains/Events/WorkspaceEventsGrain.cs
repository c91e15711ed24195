using System.Text.Json.Nodes;
using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// The in-memory event ring of a workspace. Readers long-poll and are woken through a completion
/// source replaced at each publish; the grain is reentrant so that a waiting poll never holds up a
/// publish (Orleans still runs one turn at a time, so the ring needs no lock). Not persisted: after
/// a restart ids start again from the current time in microseconds, so they keep increasing and an
/// old Last-Event-ID reads as a gap.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.WorkspaceEvents)]
public sealed class WorkspaceEventsGrain : Grain, IWorkspaceEventsGrain
{
    private readonly Queue<WorkspaceEvent> _events = new();
    private long _lastId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private readonly long _firstIdOfActivation;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkspaceEventsGrain()
    {
        _firstIdOfActivation = _lastId + 1;
    }

    public Task PublishAsync(string name, JsonNode data) => PublishManyAsync([new NewWorkspaceEvent(name, data)]);

    public Task PublishManyAsync(IReadOnlyList<NewWorkspaceEvent> events)
    {
        foreach (var e in events)
        {
            // The publisher handed the node over (NewWorkspaceEvent is immutable); readers get Orleans' copies of it.
            _events.Enqueue(new WorkspaceEvent(++_lastId, e.Name, e.Data));
            if (_events.Count > IWorkspaceEventsGrain.Capacity) _events.Dequeue();
        }

        var wake = _published;
        _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        wake.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<WorkspaceEventBatch> ReadAsync(long afterId, TimeSpan wait)
    {
        if (afterId < _lastId) return Batch(afterId);
        var published = _published.Task;
        if (wait > TimeSpan.Zero)
        {
            // Stay active while someone is listening.
            DelayDeactivation(wait + TimeSpan.FromMinutes(1));
            await Task.WhenAny(published, Task.Delay(wait));
        }

        return Batch(afterId);
    }

    public Task<long> GetLastIdAsync() => Task.FromResult(_lastId);

    private WorkspaceEventBatch Batch(long afterId)
    {
        var events = _events.Where(e => e.Id > afterId).ToList();
        var oldest = _events.Count > 0 ? _events.Peek().Id : _lastId + 1;
        // A gap: the reader asked for events older than what we still hold (evicted, or from before this activation).
        var gap = afterId < _lastId && afterId + 1 < Math.Max(oldest, _firstIdOfActivation) && afterId != 0;
        return new WorkspaceEventBatch(events, _lastId, gap);
    }
}
