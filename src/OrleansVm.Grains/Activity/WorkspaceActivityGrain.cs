using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and timeline. A record returns once it is durable (issue 12: an
/// acknowledged event's timeline entries survive a crash; before, a timer saved once a second and a
/// kill -9 lost everything since): records that arrive while a write runs join the next one
/// (<see cref="BatchedStateWriter"/>), so a busy workspace costs one write per batch, not per event. A
/// failed write fails only its batch; the records stay in memory and the timer writes them again.
/// The timeline is stored as the newest entries with the metrics (written per batch, fewer than
/// two segments past a seal, so the write does not grow with the timeline) and sealed segments of the older ones
/// (<see cref="TimelineSegments"/>: each written once, alongside a write of the newest record that still holds its
/// entries; a later write drops them).
/// The stream events of the recorded dispatches (and of the instance's new state) go to
/// <see cref="IWorkspaceEventsGrain"/> in one call per write, in the order recorded, so an event costs
/// the instance one call here rather than one here and one to the stream.
/// The timer also coalesces `runtime-metrics` change notifications to one per
/// <see cref="OrleansVmOptions.ActivityFlushPeriod"/>. Reentrant so that records and reads interleave
/// with a write; Orleans runs one turn at a time, so the lists need no lock.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.WorkspaceActivity)]
public sealed class WorkspaceActivityGrain(
    [PersistentState("activity", OrleansVmStorage.ProviderName)] IPersistentState<ActivityState> state,
    [PersistentState("activity-archive", OrleansVmStorage.ProviderName)] IPersistentState<ActivityArchive> archive,
    OrleansVmOptions options,
    ILogger<WorkspaceActivityGrain> logger) : Grain, IWorkspaceActivityGrain
{
    private const int Capacity = IWorkspaceActivityGrain.TimelineCapacity;

    private TimelineSegments _segments = null!;
    private bool _sealing; // the tail's oldest entries are being written to a segment: they must stay where they are
    private bool _dirty;
    private bool _metricsChanged;
    private bool _flushing;
    private IGrainTimer? _flushTimer;
    private BatchedStateWriter? _writer;
    private List<NewWorkspaceEvent> _stream = [];

    private BatchedStateWriter Writer => _writer ??= new BatchedStateWriter(WriteAsync, latchFailure: false);

    public async Task RecordAsync(IReadOnlyList<ActivityReport> reports)
    {
        var records = new List<DispatchRecord>();
        foreach (var report in reports)
        {
            foreach (var record in report.Records) _stream.Add(new NewWorkspaceEvent(WorkspaceEventNames.Dispatch, TimelineJson.Of(record)));
            // The instance handed over its own copy of the state: the node is ours.
            if (report.State is { } change)
                _stream.Add(new NewWorkspaceEvent(WorkspaceEventNames.InstanceState, new JsonObject { ["instanceId"] = change.InstanceId, ["state"] = change.State }));
            records.AddRange(report.Records);
        }

        if (records.Count == 0)
        {
            // Nothing to make durable: only the stream, after what is already waiting for it.
            if (_stream.Count != 0) await PublishStreamAsync(TakeStream());
            return;
        }

        var tail = state.State.Timeline;
        tail.AddRange(records);
        // Only while seals keep failing can the tail outgrow the timeline.
        if (!_sealing && tail.Count > Capacity) tail.RemoveRange(0, tail.Count - Capacity);

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
        limit = Math.Clamp(limit, 0, Capacity);
        var tail = state.State.Timeline;
        var result = new List<DispatchRecord>(limit);
        for (var i = tail.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(tail[i]);
        result.AddRange(_segments.NewestFirst().Take(limit - result.Count));
        var legacy = archive.State.Timeline;
        for (var i = legacy.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(legacy[i]);
        return Task.FromResult<IReadOnlyList<DispatchRecord>>(result);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _segments = new TimelineSegments(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName), this.GetGrainId());
        // A crash between a seal and the newest record's write leaves the sealed entries in both: the segment keeps them.
        if (await _segments.LoadAsync(state.State.SegmentsSealed) is { } adopted)
        {
            var sealedIds = adopted.Timeline.Select(r => r.DispatchId).ToHashSet(StringComparer.Ordinal);
            state.State.Timeline.RemoveAll(r => sealedIds.Contains(r.DispatchId));
            state.State.SegmentsSealed = _segments.Sealed;
        }
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
        // The stream gets this batch's events while the write runs; the callers hear back once both are done.
        var stream = _stream.Count == 0 ? Task.CompletedTask : PublishStreamAsync(TakeStream());
        try
        {
            // A full segment is sealed alongside the newest record rather than before it (one commit to wait for, not
            // two): the newest record still holds the segment's entries, and drops them only in a write after the seal
            // is durable. A crash in between leaves them in both; activation adopts the segment (OnActivateAsync).
            var seal = StartSeal();
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                await FinishSealAsync(seal);
            }

            await EmptyArchiveOnceSegmentsHoldTheTimelineAsync();
        }
        catch (Exception error)
        {
            _dirty = true; // the timer tries again
            logger.TimelineWriteFailed(this.GetPrimaryKeyString(), GrainsLog.Describe(error));
            throw;
        }
        finally
        {
            await stream;
        }
    }

    /// <summary>Starts writing the tail's oldest full segment, if there is one; its entries stay in the tail meanwhile.</summary>
    private Task<TimelineSegment>? StartSeal()
    {
        var tail = state.State.Timeline;
        if (tail.Count < TimelineSegments.SegmentSize) return null;
        _sealing = true; // the tail's trim must not move the entries being sealed
        return _segments.WriteNextAsync(tail.GetRange(0, TimelineSegments.SegmentSize));
    }

    /// <summary>
    /// Once the segment is durable, its entries leave the tail (the next write of the newest record drops them). A failed
    /// seal loses nothing: the entries are still in the tail, and the write it failed with the next write is asked for.
    /// </summary>
    private async Task FinishSealAsync(Task<TimelineSegment>? seal)
    {
        if (seal is null) return;
        TimelineSegment segment;
        try
        {
            segment = await seal;
        }
        catch (Exception error)
        {
            _dirty = true;
            logger.TimelineSealFailed(this.GetPrimaryKeyString(), _segments.Sealed, GrainsLog.Describe(error));
            return;
        }
        finally
        {
            _sealing = false;
        }

        _segments.Add(segment);
        state.State.Timeline.RemoveRange(0, TimelineSegments.SegmentSize);
        state.State.SegmentsSealed = _segments.Sealed;
        _dirty = true; // the newest record still holds the sealed entries: the timer drops them if no record comes first
    }

    /// <summary>The archive of before segments can no longer hold any of the newest 200 entries once segments hold a whole timeline.</summary>
    private async Task EmptyArchiveOnceSegmentsHoldTheTimelineAsync()
    {
        if (archive.State.Timeline.Count != 0 && _segments.Sealed >= TimelineSegments.Slots)
        {
            archive.State.Timeline = [];
            await archive.WriteStateAsync();
        }
    }

    private List<NewWorkspaceEvent> TakeStream()
    {
        var events = _stream;
        _stream = [];
        return events;
    }

    private async Task PublishStreamAsync(List<NewWorkspaceEvent> events)
    {
        try
        {
            await GrainFactory.Ref<IWorkspaceEventsGrain>(this.GetPrimaryKeyString()).PublishManyAsync(events);
        }
        catch (Exception error)
        {
            // The stream is telemetry (as before: a failed publish is not retried); the records themselves are durable.
            logger.StreamPublishFailed(this.GetPrimaryKeyString(), events.Count, GrainsLog.Describe(error));
        }
    }

    private async Task PublishMetricsChangedAsync()
    {
        try
        {
            await GrainFactory.Ref<IWorkspaceEventsGrain>(this.GetPrimaryKeyString())
                .PublishAsync(WorkspaceEventNames.DomainChanged, new JsonObject { ["domain"] = BuiltInDomains.RuntimeMetrics });
        }
        catch (Exception error)
        {
            // The stream is telemetry; the metrics themselves are in memory and saved.
            logger.MetricsChangePublishFailed(this.GetPrimaryKeyString(), GrainsLog.Describe(error));
        }
    }
}
