using System.Collections.Concurrent;

namespace OrleansVm.Grains;

/// <summary>
/// The silo's path from instances to their workspace's <see cref="IWorkspaceActivityGrain"/>: the reports of every
/// instance of a workspace on this silo go in one call per batch (<see cref="CallBatcher{T}"/>), not one call per
/// event. An instance still hears back only once its records are durable and on the stream, as with a call of its own.
/// </summary>
public sealed class ActivityReporter(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, CallBatcher<ActivityReport>> _workspaces = new(StringComparer.Ordinal);

    /// <summary>Completes when the activity grain has recorded <paramref name="report"/> (see <see cref="IWorkspaceActivityGrain.RecordAsync"/>).</summary>
    public Task ReportAsync(string workspaceId, ActivityReport report)
    {
        while (true)
        {
            var batcher = _workspaces.GetOrAdd(workspaceId, NewBatcher);
            if (batcher.TryAdd(report, out var done)) return done;
            // It retired between the lookup and the add (it removes itself; this makes sure before retrying).
            _workspaces.TryRemove(new KeyValuePair<string, CallBatcher<ActivityReport>>(workspaceId, batcher));
        }
    }

    /// <summary>Reports of <paramref name="workspaceId"/> waiting for the next call (tests observe batching with it).</summary>
    internal int PendingReports(string workspaceId) => _workspaces.TryGetValue(workspaceId, out var batcher) ? batcher.Pending : 0;

    private CallBatcher<ActivityReport> NewBatcher(string workspaceId)
    {
        var activity = grains.Ref<IWorkspaceActivityGrain>(workspaceId);
        // Idle batchers leave the map: a silo that served many workspaces keeps only the busy ones.
        return new CallBatcher<ActivityReport>(activity.RecordAsync,
            retired => _workspaces.TryRemove(new KeyValuePair<string, CallBatcher<ActivityReport>>(workspaceId, retired)));
    }
}
