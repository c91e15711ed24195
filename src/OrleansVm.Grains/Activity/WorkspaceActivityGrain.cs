using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and timeline. A record returns once it is durable (issue 12: an
/// acknowledged event's timeline entries survive a crash; before, a timer saved once a second and a
/// kill -9 lost everything since): records that arrive while a write runs join the next one
/// (<see cref="BatchedStateWriter"/>), so a busy workspace costs one write per batch, not per event. A
/// failed write fails only its batch; the records stay in memory and the timer writes them again.
/// The timeline is stored in two records: the newest entries with the metrics (written per batch, at most
/// <see cref="TailLimit"/> entries past a move, so the write does not grow with the timeline) and the archive of
/// the rest (written once per <see cref="TailLimit"/> entries, before the newest record drops what it moved).
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
    /// <summary>Newest entries kept in the per-batch record before they move to the archive.</summary>
    public const int TailLimit = 32;

    private const int Capacity = IWorkspaceActivityGrain.TimelineCapacity;

    // While the archive write that holds the tail's first entries runs, reads skip them in the tail (no duplicates).
    private int _archiving;
    private bool _dirty;
    private bool _metricsChanged;
    private bool _flushing;
    private IGrainTimer? _flushTimer;
    private BatchedStateWriter? _writer;
    private List<NewWorkspaceEvent> _stream = [];

    private BatchedStateWriter Writer => _writer ??= new BatchedStateWriter(WriteAsync, latchFailure: false);

    public async Task RecordAsync(IReadOnlyList<DispatchRecord> records, InstanceStateChange? change)
    {
        foreach (var record in records) _stream.Add(new NewWorkspaceEvent(WorkspaceEventNames.Dispatch, TimelineJson.Of(record)));
        // Orleans copied the argument for this call: the state node is ours.
        if (change is not null)
            _stream.Add(new NewWorkspaceEvent(WorkspaceEventNames.InstanceState, new JsonObject { ["instanceId"] = change.InstanceId, ["state"] = change.State }));
        if (records.Count == 0)
        {
            // Nothing to make durable: only the stream, after what is already waiting for it.
            if (_stream.Count != 0) await PublishStreamAsync(TakeStream());
            return;
        }

        var tail = state.State.Timeline;
        tail.AddRange(records);
        // Only while archive writes keep failing can the tail outgrow the timeline.
        if (_archiving == 0 && tail.Count > Capacity) tail.RemoveRange(0, tail.Count - Capacity);

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
        var archived = archive.State.Timeline;
        var result = new List<DispatchRecord>(limit);
        for (var i = tail.Count - 1; i >= _archiving && result.Count < limit; i--) result.Add(tail[i]);
        for (var i = archived.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(archived[i]);
        return Task.FromResult<IReadOnlyList<DispatchRecord>>(result);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between the archive's write and the tail's leaves the moved entries in both: the archive has them.
        if (archive.State.Timeline.Count != 0 && state.State.Timeline.Count != 0)
        {
            var archived = archive.State.Timeline.Select(r => r.DispatchId).ToHashSet(StringComparer.Ordinal);
            state.State.Timeline.RemoveAll(r => archived.Contains(r.DispatchId));
        }

        return Task.CompletedTask;
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
            if (state.State.Timeline.Count > TailLimit) await ArchiveTailAsync();
            await state.WriteStateAsync();
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

    /// <summary>Moves the tail's entries into the archive: the archive is durable with them before the tail drops them.</summary>
    private async Task ArchiveTailAsync()
    {
        var tail = state.State.Timeline;
        var moved = tail.Count;
        var before = archive.State.Timeline;
        var merged = new List<DispatchRecord>(Capacity);
        merged.AddRange(before.Skip(Math.Max(0, before.Count + moved - Capacity)));
        merged.AddRange(tail.Skip(Math.Max(0, moved - Capacity)));
        archive.State.Timeline = merged;
        _archiving = moved;
        try
        {
            await archive.WriteStateAsync();
        }
        catch
        {
            archive.State.Timeline = before;
            throw;
        }
        finally
        {
            _archiving = 0;
        }

        tail.RemoveRange(0, moved); // records that arrived during the write stay, after these
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
            await GrainFactory.GetGrain<IWorkspaceEventsGrain>(this.GetPrimaryKeyString()).PublishManyAsync(events);
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
            await GrainFactory.GetGrain<IWorkspaceEventsGrain>(this.GetPrimaryKeyString())
                .PublishAsync(WorkspaceEventNames.DomainChanged, new JsonObject { ["domain"] = BuiltInDomains.RuntimeMetrics });
        }
        catch (Exception error)
        {
            // The stream is telemetry; the metrics themselves are in memory and saved.
            logger.MetricsChangePublishFailed(this.GetPrimaryKeyString(), GrainsLog.Describe(error));
        }
    }
}
