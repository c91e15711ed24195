using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and timeline. Every event of the workspace records here, so the
/// grain saves at most once per <see cref="OrleansVmOptions.ActivityFlushPeriod"/> (a grain
/// timer) and when deactivated instead of once per record: activity is an observation, not a source
/// of truth. Reentrant so that records and reads interleave with a flush's storage write; Orleans
/// runs one turn at a time, so the lists need no lock.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.WorkspaceActivity)]
public sealed class WorkspaceActivityGrain(
    [PersistentState("activity", OrleansVmStorage.ProviderName)] IPersistentState<ActivityState> state,
    OrleansVmOptions options) : Grain, IWorkspaceActivityGrain
{
    private bool _dirty;
    private bool _metricsChanged;
    private bool _flushing;
    private IGrainTimer? _flushTimer;

    public Task RecordAsync(IReadOnlyList<DispatchRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var timeline = state.State.Timeline;
        timeline.AddRange(records);
        if (timeline.Count > IWorkspaceActivityGrain.TimelineCapacity)
            timeline.RemoveRange(0, timeline.Count - IWorkspaceActivityGrain.TimelineCapacity);

        var last = records[^1];
        state.State.Metrics = new DispatchMetrics(state.State.Metrics.DispatchCount + records.Count,
            last.DispatchId, last.Scope, last.ActionType, last.Outcome, last.Reason, last.Timestamp);
        _dirty = true;
        _metricsChanged = true;
        _flushTimer ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.ActivityFlushPeriod, options.ActivityFlushPeriod)
        {
            Interleave = true, // a flush never waits behind (or holds up) records
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DispatchRecord>> GetTimelineAsync(int limit)
    {
        limit = Math.Clamp(limit, 0, IWorkspaceActivityGrain.TimelineCapacity);
        var timeline = state.State.Timeline;
        var result = new List<DispatchRecord>(Math.Min(limit, timeline.Count));
        for (var i = timeline.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(timeline[i]);
        return Task.FromResult<IReadOnlyList<DispatchRecord>>(result);
    }

    public Task<DispatchMetrics> GetMetricsAsync() => Task.FromResult(state.State.Metrics);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushAsync(cancellationToken);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        // One write at a time: the timer and deactivation may interleave.
        if (_flushing || !_dirty) return;
        _flushing = true;
        try
        {
            var metricsChanged = _metricsChanged;
            _metricsChanged = false;
            _dirty = false;
            // The storage serializes before its first await, so records that interleave during the write join the next one.
            var write = state.WriteStateAsync(cancellationToken);

            // The derived `runtime-metrics` domain changed: one coalesced `domain.changed` per flush period, not one per dispatch.
            if (metricsChanged) await PublishMetricsChangedAsync();
            try
            {
                await write;
            }
            catch
            {
                _dirty = true; // try again at the next tick
                throw;
            }
        }
        finally
        {
            _flushing = false;
        }
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
            // The stream is telemetry; the metrics themselves are in memory and saved.
        }
    }
}
