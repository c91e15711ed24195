using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using OrleansVm.Sandbox.Domains;
using OrleansVm.Telemetry;

namespace OrleansVm.Grains;

/// <summary>
/// One shared domain of a workspace. Reentrant so that a hot domain is not one storage write per
/// dispatch: each dispatch is checked (awaiting the workspace), then decided and applied in
/// memory without awaiting (so no other turn sees a half-applied change), then waits for the
/// batched durable write that includes it (<see cref="BatchedStateWriter"/>). A failed write drops
/// the activation and fails every waiting caller, whose outboxes retry against the state reloaded
/// from storage. Orleans interleaves turns only at awaits and never in parallel: no lock.
/// A built-in domain writes per batch only what changed, as one journal entry (<see cref="DomainJournal"/>), and
/// rewrites its snapshot (the "domain" state) now and then; a custom domain writes its whole state per batch.
/// </summary>
[Reentrant]
[GrainType(GrainTypes.SharedDomain)]
public sealed class SharedDomainGrain : Grain, ISharedDomainGrain
{
    private readonly IPersistentState<DomainState> _state;

    // The live domain. `_state.State` is what the next snapshot write stores: this same object for whole-state writes,
    // a frozen copy for a journaled domain's compaction (turns keep changing the live one while it is written).
    private DomainState _data = null!;
    private readonly OrleansVmOptions _options;
    private readonly BatchedStateWriter _writer;
    private readonly ILogger<SharedDomainGrain> _logger;
    private readonly ProjectionBoard _board;
    private readonly string _workspaceId;
    private readonly string _domain;
    private IDomainReducer? _reducer;
    private bool _changed;

    // Journaled (built-in) domains only: what changed since the last write, and where the next batch goes.
    private readonly DomainChanges _changes = new();
    private DomainJournal? _journal;

    // What readers see, computed once per change (on the first read after it); replaced, never mutated.
    private JsonNode? _projection;

    // Each instance's registration and effective grant as the workspace last said, so a dispatch or a read does not
    // ask the workspace every time. The workspace clears it whenever a grant changes or an instance goes; a lookup
    // that was in flight across such a clear is not cached (the epoch moved).
    private readonly Dictionary<string, InstanceAccess> _access = new(StringComparer.Ordinal);
    private long _accessEpoch;

    // The instances whose read this domain checked since its workspace last changed a grant: the silo's board serves
    // them its projection without a call. Read by instances on other threads, hence concurrent.
    private readonly ConcurrentDictionary<string, bool> _readers = new(StringComparer.Ordinal);

    public SharedDomainGrain([PersistentState("domain", OrleansVmStorage.ProviderName)] IPersistentState<DomainState> state, OrleansVmOptions options,
        ProjectionBoard board, ILogger<SharedDomainGrain> logger)
    {
        _logger = logger;
        _board = board;
        _state = state;
        _options = options;
        _writer = new BatchedStateWriter(WriteAsync);
        (_workspaceId, _domain) = DomainKeys.Parse(this.GetPrimaryKeyString());
    }

    private bool IsDerived => BuiltInDomains.IsReadOnly(_domain);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _data = _state.State;
        _reducer = _domain switch
        {
            BuiltInDomains.CounterSummary => CounterSummaryReducer.Instance,
            BuiltInDomains.GreeterProfile => GreeterProfileReducer.Instance,
            _ when _data.Code is { } code && !BuiltInDomains.Contains(_domain) => LoadCustom(code),
            _ => null,
        };
        if (_reducer is not null) _data.State ??= _reducer.InitialState();
        var journaled = _options.DomainJournalSlots > 0 || _data.JournalSlots > 0; // 0 slots: whole-state writes (the baseline)
        if (_reducer is not null && BuiltInDomains.Contains(_domain) && journaled) await LoadJournalAsync();
        PublishProjection();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _board.Withdraw(this.GetPrimaryKeyString(), this);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Puts the current projection on the silo's <see cref="ProjectionBoard"/>, so instances here read it without a
    /// call. Derived domains ask other grains for theirs and are always read by call; so is a domain whose projection
    /// fails (the call reports the failure as before).
    /// </summary>
    private void PublishProjection()
    {
        if (IsDerived || _reducer is null || _data.State is null) return;
        try
        {
            _board.Publish(this.GetPrimaryKeyString(), this, _readers, _projection ??= _reducer.Project(_data.State));
        }
        catch (Exception error)
        {
            _board.Withdraw(this.GetPrimaryKeyString(), this);
            _logger.ProjectionNotPublished(_workspaceId, _domain, GrainsLog.Describe(error));
        }
    }

    /// <summary>Snapshot + the journal entries after it; compacts right away when the journal is due (or its slot count changed).</summary>
    private async Task LoadJournalAsync()
    {
        var snapshot = _data;
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName);
        _journal = new DomainJournal(storage, this.GetGrainId(), snapshot.JournalSlots > 0 ? snapshot.JournalSlots : _options.DomainJournalSlots);
        foreach (var entry in await _journal.LoadAsync(snapshot.JournalSeq))
            snapshot.State = entry.ApplyTo(snapshot.State, snapshot.Applied);
        if (snapshot.JournalSlots != 0 && snapshot.JournalSlots != _options.DomainJournalSlots
            || _journal.NeedsCompaction(SnapshotEntries(), _options.DomainCompactionMinChanges))
        {
            await CompactAsync(_data); // nothing pending yet: the live state is the state at the journal's end
        }
    }

    public async Task<DomainOutcome> ApplyAsync(SharedDispatch dispatch)
    {
        using var span = OrleansVmTracing.DomainApply(this.GetPrimaryKeyString(), dispatch.DispatchId);
        // 1. The caller, as the runtime saw it, must be this very instance, registered in this workspace with a write grant.
        if (!CallerIdentity.Is(GrainTypes.PluginInstance, dispatch.InstanceId))
        {
            _logger.DispatchDenied(_workspaceId, _domain, dispatch.InstanceId, dispatch.DispatchId, "the caller is not this instance");
            return Denied();
        }
        var access = await AccessAsync(dispatch.InstanceId);
        if (access is null || !access.Grants.WriteShared.Contains(_domain, StringComparer.Ordinal))
        {
            // The instance checks its grant first: this is a grant revoked in between, or an instance gone.
            _logger.DispatchDenied(_workspaceId, _domain, dispatch.InstanceId, dispatch.DispatchId, access is null ? "not registered in the workspace" : "no write grant");
            return Denied();
        }

        // 2-3. Existence and writability.
        if (IsDerived) return DomainOutcomes.ReadOnly(_domain);
        if (_reducer is null) return DomainOutcomes.UnsupportedDomain(_domain);

        // From here to the write request nothing awaits: no other turn sees a half-applied dispatch.
        DomainOutcome outcome;
        var applied = _data.Applied;
        if (applied.TryGetValue(dispatch.InstanceId, out var mark) && dispatch.Sequence <= mark.Sequence)
        {
            // Exactly once: a sequence at or below the instance's mark was decided before.
            outcome = mark.Sequence == dispatch.Sequence ? new DomainOutcome(mark.Outcome, mark.Reason) : DomainOutcomes.Applied;
        }
        else
        {
            // 4-6. The reducer decides; only `applied` changes the state.
            var action = new DomainAction(_domain, dispatch.ActionType, dispatch.Payload, dispatch.InstanceId,
                access.Registration.PackageId, dispatch.DispatchId, dispatch.Timestamp);
            (outcome, var newState) = _reducer.Apply(_data.State!, action, _changes);
            if (newState is not null)
            {
                _data.State = newState;
                _changed = true;
                _projection = null;
            }

            applied[dispatch.InstanceId] = new AppliedMark(dispatch.Sequence, outcome.Outcome, outcome.Reason);
            _changes.MarkChanged(dispatch.InstanceId);
        }

        // A duplicate also waits: its first decision may not be durable yet.
        await _writer.RequestAsync();
        return outcome;
    }

    public async Task<JsonNode?> GetProjectionAsync()
    {
        if (CallerIdentity.KeyIf(GrainTypes.PluginInstance) is not { } instanceId) return null;
        var epoch = _accessEpoch;
        var access = await AccessAsync(instanceId);
        if (access is null || !access.Grants.ReadShared.Contains(_domain, StringComparer.Ordinal)) return null;
        if (epoch == _accessEpoch) _readers[instanceId] = true; // not across a grant change: the check may be stale
        return await ProjectAsync();
    }

    public async Task<DomainStateView?> GetRawAsync()
    {
        // Raw state is for operators (the API); a plugin instance only ever gets its projection.
        if (CallerIdentity.KeyIf(GrainTypes.PluginInstance) is not null) return null;
        if (IsDerived) return new DomainStateView(_domain, BuiltIn: true, ReadOnly: true, await ProjectAsync());
        if (_reducer is null) return null;
        // No clone: Orleans deep-copies a response on this activation's scheduler before it leaves the grain.
        return new DomainStateView(_domain, BuiltInDomains.Contains(_domain), ReadOnly: false, _data.State);
    }

    public async Task DefineAsync(string code)
    {
        EnsureCalledByWorkspace();
        if (BuiltInDomains.Contains(_domain))
            throw new OrleansVmException(ErrorCodes.ValidationError, $"'{_domain}' is a built-in domain.", new JsonObject { ["field"] = "domain" });
        var reducer = LoadCustom(code ?? throw new ArgumentNullException(nameof(code)));
        // A replaced definition keeps the state (an operator upgrading reducers); a new one starts from its initial state.
        if (_data.Code is null || _data.State is null) _data.State = reducer.InitialState();
        _data.Code = code;
        _reducer = reducer;
        _changed = true;
        _projection = null;
        await _writer.RequestAsync();
    }

    public async Task ForgetInstanceAsync(string instanceId)
    {
        EnsureCalledByWorkspace();
        _access.Remove(instanceId);
        _readers.TryRemove(instanceId, out _);
        _accessEpoch++;
        var removedMark = _data.Applied.Remove(instanceId);
        if (removedMark) _changes.MarkChanged(instanceId);
        var newState = _reducer is not null && _data.State is not null ? _reducer.Forget(_data.State, instanceId, _changes) : null;
        if (newState is not null)
        {
            _data.State = newState;
            _changed = true;
            _projection = null;
        }

        if (newState is null && !removedMark) return;
        await _writer.RequestAsync();
    }

    public Task InvalidateAccessAsync()
    {
        EnsureCalledByWorkspace();
        _access.Clear();
        _readers.Clear();
        _accessEpoch++;
        return Task.CompletedTask;
    }

    private async Task<InstanceAccess?> AccessAsync(string instanceId)
    {
        if (_access.TryGetValue(instanceId, out var cached)) return cached;
        var epoch = _accessEpoch;
        var access = await Workspace.GetInstanceAccessAsync(instanceId);
        if (access is not null && epoch == _accessEpoch) _access[instanceId] = access; // unknown ids are not cached
        return access;
    }

    private async Task<JsonNode?> ProjectAsync()
    {
        switch (_domain)
        {
            case BuiltInDomains.RuntimeRegistry:
                var instances = await Workspace.ListInstancesAsync();
                return new JsonArray([.. instances.Select(i => (JsonNode)new JsonObject
                {
                    ["instanceId"] = i.InstanceId, ["packageId"] = i.PackageId, ["title"] = i.Title,
                    ["status"] = i.Status, ["enabled"] = i.Enabled, ["widgets"] = i.Widgets.Count,
                })]);
            case BuiltInDomains.RuntimeMetrics:
                var registry = Workspace.ListInstancesAsync();
                var metrics = await GrainFactory.Ref<IWorkspaceActivityGrain>(_workspaceId).GetMetricsAsync();
                return new JsonObject
                {
                    ["pluginCount"] = (await registry).Count, ["dispatchCount"] = metrics.DispatchCount,
                    ["lastDispatchId"] = metrics.LastDispatchId, ["lastScope"] = metrics.LastScope,
                    ["lastActionType"] = metrics.LastActionType, ["lastOutcome"] = metrics.LastOutcome,
                    ["lastReason"] = metrics.LastReason, ["lastTimestamp"] = metrics.LastTimestamp is { } last ? UtcTimestamps.Of(last) : null,
                };
            default:
                if (_reducer is null || _data.State is null) return null;
                // Handed out as is: Orleans deep-copies the response on this activation's scheduler, so readers get
                // their own tree and no other thread ever reads this one (a parsed node materializes lazily).
                return _projection ??= _reducer.Project(_data.State);
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            var changed = _changed;
            _changed = false;
            if (_journal is null)
            {
                _changes.Clear(); // the whole state is written
                _state.State = _data;
                await _state.WriteStateAsync();
            }
            else
            {
                await WriteJournalAsync();
            }
            if (changed)
            {
                // Before the writers' callers hear back: an instance's next read sees its own write.
                PublishProjection();
                await PublishChangedAsync();
            }
        }
        catch (Exception error)
        {
            // The in-memory state holds changes that are not durable: drop it; the next activation reloads.
            DeactivateOnIdle();
            _logger.DomainStateWriteFailed(_workspaceId, _domain, GrainsLog.Describe(error));
            throw;
        }
    }

    /// <summary>One batch = one journal entry (its changes and their marks in one record write); then the snapshot when due.</summary>
    private async Task WriteJournalAsync()
    {
        // A batch of duplicates changes nothing: the writes that carried their first decisions finished before this one started.
        if (_changes.IsEmpty) return;
        if (_data.JournalSlots == 0)
        {
            // Never snapshotted with a slot count (a new domain, or one stored before journaling): the first write is
            // the snapshot itself (compare-and-swap on it, as a whole-state write), so the slot count is durable before any entry.
            _changes.Clear();
            await CompactAsync(_data);
            return;
        }

        var journal = _journal!;
        var entry = _changes.Take(0, _data.State, _data.Applied);
        // The snapshot must be the state at exactly the entry's position, not a later one: a second activation may still
        // append the next position, and its entry must replay over what this one had journaled, nothing more. So it is
        // copied now, in the turn that builds the entry (turns interleave during the append and change the live state).
        var snapshot = journal.DueAfter(entry.ChangeCount(), SnapshotEntries(), _options.DomainCompactionMinChanges) ? Copy(_data) : null;
        await journal.AppendAsync(entry);
        if (snapshot is not null) await CompactAsync(snapshot);
    }

    /// <summary>
    /// Writes <paramref name="snapshot"/> (the live state when nothing is pending, else a copy taken at the journal's end)
    /// as covering the journal up to its end; compare-and-swap on the snapshot's ETag.
    /// </summary>
    private async Task CompactAsync(DomainState snapshot)
    {
        var journal = _journal!;
        snapshot.JournalSeq = _data.JournalSeq = journal.End;
        snapshot.JournalSlots = _data.JournalSlots = _options.DomainJournalSlots;
        _state.State = snapshot;
        await _state.WriteStateAsync();
        if (_options.DomainJournalSlots > 0) journal.Compacted(_options.DomainJournalSlots);
        else _journal = null; // journaling turned off: from now on whole-state writes
    }

    private static DomainState Copy(DomainState data) => new()
    {
        Code = data.Code,
        State = data.State?.DeepClone(),
        Applied = new Dictionary<string, AppliedMark>(data.Applied, StringComparer.Ordinal),
    };

    /// <summary>The snapshot's size in entries (marks and members of top-level objects): compaction waits for as many journaled changes.</summary>
    private long SnapshotEntries()
    {
        long entries = _data.Applied.Count;
        if (_data.State is JsonObject root)
        {
            foreach (var (_, value) in root) entries += value is JsonObject members ? members.Count : 1;
        }

        return entries;
    }

    private async Task PublishChangedAsync()
    {
        try
        {
            await GrainFactory.Ref<IWorkspaceEventsGrain>(_workspaceId).PublishAsync(WorkspaceEventNames.DomainChanged, new JsonObject { ["domain"] = _domain });
        }
        catch (Exception error)
        {
            // The stream is best effort; the change itself is durable.
            _logger.DomainChangePublishFailed(_workspaceId, _domain, GrainsLog.Describe(error));
        }
    }

    private CustomDomainReducer LoadCustom(string code)
    {
        var program = DomainProgram.Parse(code, _options.Limits);
        return new CustomDomainReducer(DomainSandbox.Load(program, _options.Limits), _logger, _workspaceId, _domain);
    }

    private DomainOutcome Denied()
    {
        OrleansVmMetrics.Denied("domain");
        return DomainOutcomes.Denied(_domain);
    }

    private void EnsureCalledByWorkspace()
    {
        if (!CallerIdentity.Is(GrainTypes.Workspace, _workspaceId))
            throw new OrleansVmException(ErrorCodes.NotFound, $"Domain '{_domain}' is managed through its workspace.");
    }

    private IWorkspaceGrain Workspace => GrainFactory.Ref<IWorkspaceGrain>(_workspaceId);
}
