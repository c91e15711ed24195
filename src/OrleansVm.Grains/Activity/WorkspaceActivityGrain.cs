using OrleansVm.Runtime;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and timeline. Every event of the workspace records here, so the
/// grain is reentrant (a record is a few list operations under a lock, not worth a queued turn)
/// and saves at most once per <see cref="OrleansVmGrainsOptions.ActivityFlushPeriod"/> and when
/// deactivated instead of once per record: activity is an observation, not a source of truth.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.WorkspaceActivity)]
public sealed class WorkspaceActivityGrain(
    [PersistentState("activity")] IPersistentState<ActivityState> state,
    OrleansVmGrainsOptions options) : Grain, IWorkspaceActivityGrain
{
    private readonly object _gate = new();
    private bool _dirty;
    private bool _metricsChanged;
    private int _flushing;
    private IGrainTimer? _flushTimer;

    public Task RecordAsync(IReadOnlyList<DispatchRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        lock (_gate)
        {
            var timeline = state.State.Timeline;
            timeline.AddRange(records);
            if (timeline.Count > IWorkspaceActivityGrain.TimelineCapacity)
                timeline.RemoveRange(0, timeline.Count - IWorkspaceActivityGrain.TimelineCapacity);

            var last = records[^1];
            state.State.Metrics = new DispatchMetrics(state.State.Metrics.DispatchCount + records.Count,
                last.DispatchId, last.Scope, last.ActionType, last.Outcome, last.Reason, last.Timestamp);
            _dirty = true;
            _metricsChanged = true;
            _flushTimer ??= RegisterGrainTimer(FlushAsync, options.ActivityFlushPeriod, options.ActivityFlushPeriod);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DispatchRecord>> GetTimelineAsync(int limit)
    {
        limit = Math.Clamp(limit, 0, IWorkspaceActivityGrain.TimelineCapacity);
        lock (_gate)
        {
            var timeline = state.State.Timeline;
            var result = new List<DispatchRecord>(Math.Min(limit, timeline.Count));
            for (var i = timeline.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(timeline[i]);
            return Task.FromResult<IReadOnlyList<DispatchRecord>>(result);
        }
    }

    public Task<DispatchMetrics> GetMetricsAsync()
    {
        lock (_gate) return Task.FromResult(state.State.Metrics);
    }

    private async Task PublishMetricsChangedAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IWorkspaceEventsGrain>(this.GetPrimaryKeyString())
                .PublishAsync(WorkspaceEventNames.DomainChanged, new System.Text.Json.Nodes.JsonObject { ["domain"] = BuiltInDomains.RuntimeMetrics });
        }
        catch (Exception)
        {
            // The stream is telemetry; the metrics themselves are in memory and saved below.
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushAsync(cancellationToken);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        // One write at a time (the timer and deactivation may overlap in a reentrant grain).
        if (Interlocked.Exchange(ref _flushing, 1) == 1) return;
        try
        {
            Task write;
            bool metricsChanged;
            lock (_gate)
            {
                metricsChanged = _metricsChanged;
                _metricsChanged = false;
                if (!_dirty) return;
                _dirty = false;
                write = state.WriteStateAsync(cancellationToken); // serializes synchronously, under the lock
            }

            // The derived `runtime-metrics` domain changed: one coalesced `domain.changed` per flush period, not one per dispatch.
            if (metricsChanged) await PublishMetricsChangedAsync();

            try
            {
                await write;
            }
            catch
            {
                lock (_gate) _dirty = true; // try again at the next tick
                throw;
            }
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }
}
