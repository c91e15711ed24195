using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and timeline. A record returns once it is durable (issue 12: an
/// acknowledged event's timeline entries survive a crash; before, a timer saved once a second and a
/// kill -9 lost everything since): records that arrive while a write runs join the next one
/// (<see cref="BatchedStateWriter"/>), so a busy workspace costs one write per batch, not per event. A
/// failed write fails only its batch; the records stay in memory and the timer writes them again.
/// The timer also coalesces `runtime-metrics` change notifications to one per
/// <see cref="OrleansVmOptions.ActivityFlushPeriod"/>. Reentrant so that records and reads interleave
/// with a write; Orleans runs one turn at a time, so the lists need no lock.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.WorkspaceActivity)]
public sealed class WorkspaceActivityGrain(
    [PersistentState("activity", OrleansVmStorage.ProviderName)] IPersistentState<ActivityState> state,
    OrleansVmOptions options,
    ILogger<WorkspaceActivityGrain> logger) : Grain, IWorkspaceActivityGrain
{
    private bool _dirty;
    private bool _metricsChanged;
    private bool _flushing;
    private IGrainTimer? _flushTimer;
    private BatchedStateWriter? _writer;

    private BatchedStateWriter Writer => _writer ??= new BatchedStateWriter(WriteAsync, latchFailure: false);

    public async Task RecordAsync(IReadOnlyList<DispatchRecord> records)
    {
        if (records.Count == 0) return;
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
        await Writer.RequestAsync(); // durable before the instance acknowledges the event
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
        // The timer and deactivation may interleave: one flush at a time.
        if (_flushing) return;
        _flushing = true;
        try
        {
            // The derived `runtime-metrics` domain changed: one coalesced `domain.changed` per flush period, not one per dispatch.
            if (_metricsChanged)
            {
                _metricsChanged = false;
                await PublishMetricsChangedAsync();
            }

            // Records whose write failed are still in memory: write them again (through the writer, so writes never overlap).
            if (_dirty) await Writer.RequestAsync();
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task WriteAsync()
    {
        // The storage serializes before its first await, so records that interleave during the write join the next one.
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            _dirty = true; // the timer tries again
            logger.TimelineWriteFailed(this.GetPrimaryKeyString(), GrainsLog.Describe(error));
            throw;
        }
    }

    private async Task PublishMetricsChangedAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IWorkspaceEventsGrain>(this.GetPrimaryKeyString())
                .PublishAsync(WorkspaceEventNames.DomainChanged, new System.Text.Json.Nodes.JsonObject { ["domain"] = BuiltInDomains.RuntimeMetrics });
        }
        catch (Exception error)
        {
            // The stream is telemetry; the metrics themselves are in memory and saved.
            logger.MetricsChangePublishFailed(this.GetPrimaryKeyString(), GrainsLog.Describe(error));
        }
    }
}
