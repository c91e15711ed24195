using System.Text.Json.Nodes;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansVm.Sandbox;
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
/// </summary>
[Reentrant]
[GrainType(GrainTypes.SharedDomain)]
public sealed class SharedDomainGrain : Grain, ISharedDomainGrain, ICallerCheckingGrain
{
    private readonly IPersistentState<DomainState> _state;
    private readonly IGrainFaultInjector _faults;
    private readonly OrleansVmOptions _options;
    private readonly BatchedStateWriter _writer;
    private readonly string _workspaceId;
    private readonly string _domain;
    private IDomainReducer? _reducer;
    private bool _changed;

    // What readers see, computed once per change (on the first read after it); replaced, never mutated.
    private JsonNode? _projection;

    // Each instance's registration and effective grant as the workspace last said, so a dispatch or a read does not
    // ask the workspace every time. The workspace clears it whenever a grant changes or an instance goes; a lookup
    // that was in flight across such a clear is not cached (the epoch moved).
    private readonly Dictionary<string, InstanceAccess> _access = new(StringComparer.Ordinal);
    private long _accessEpoch;

    public SharedDomainGrain([PersistentState("domain", OrleansVmStorage.ProviderName)] IPersistentState<DomainState> state, IGrainFaultInjector faults, OrleansVmOptions options)
    {
        _state = state;
        _faults = faults;
        _options = options;
        _writer = new BatchedStateWriter(WriteAsync);
        (_workspaceId, _domain) = DomainKeys.Parse(this.GetPrimaryKeyString());
    }

    private string Key => this.GetPrimaryKeyString();

    private bool IsDerived => BuiltInDomains.IsReadOnly(_domain);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reducer = _domain switch
        {
            BuiltInDomains.CounterSummary => CounterSummaryReducer.Instance,
            BuiltInDomains.GreeterProfile => GreeterProfileReducer.Instance,
            _ when _state.State.Code is { } code && !BuiltInDomains.Contains(_domain) => LoadCustom(code),
            _ => null,
        };
        if (_reducer is not null) _state.State.State ??= _reducer.InitialState();
        return Task.CompletedTask;
    }

    public async Task<DomainOutcome> ApplyAsync(SharedDispatch dispatch)
    {
        using var span = OrleansVmTracing.DomainApply(Key, dispatch.DispatchId);
        // 1. The caller, as the runtime saw it, must be this very instance, registered in this workspace with a write grant.
        if (!CallerIdentity.Is(GrainTypes.PluginInstance, dispatch.InstanceId)) return Denied();
        var access = await AccessAsync(dispatch.InstanceId);
        if (access is null || !access.Grants.WriteShared.Contains(_domain, StringComparer.Ordinal))
            return Denied();

        // 2-3. Existence and writability.
        if (IsDerived) return DomainOutcomes.ReadOnly(_domain);
        if (_reducer is null) return DomainOutcomes.UnsupportedDomain(_domain);

        // From here to the write request nothing awaits: no other turn sees a half-applied dispatch.
        DomainOutcome outcome;
        var applied = _state.State.Applied;
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
            (outcome, var newState) = _reducer.Apply(_state.State.State!, action);
            if (newState is not null)
            {
                _state.State.State = newState;
                _changed = true;
                _projection = null;
            }

            applied[dispatch.InstanceId] = new AppliedMark(dispatch.Sequence, outcome.Outcome, outcome.Reason);
        }

        // A duplicate also waits: its first decision may not be durable yet.
        await _writer.RequestAsync();
        await _faults.AfterDomainDurableAsync(Key, dispatch);
        return outcome;
    }

    public async Task<JsonNode?> GetProjectionAsync()
    {
        if (CallerIdentity.KeyIf(GrainTypes.PluginInstance) is not { } instanceId) return null;
        var access = await AccessAsync(instanceId);
        if (access is null || !access.Grants.ReadShared.Contains(_domain, StringComparer.Ordinal)) return null;
        return await ProjectAsync();
    }

    public async Task<DomainStateView?> GetRawAsync()
    {
        // Raw state is for operators (the API); a plugin instance only ever gets its projection.
        if (CallerIdentity.KeyIf(GrainTypes.PluginInstance) is not null) return null;
        if (IsDerived) return new DomainStateView(_domain, BuiltIn: true, ReadOnly: true, await ProjectAsync());
        if (_reducer is null) return null;
        // No clone: Orleans deep-copies a response on this activation's scheduler before it leaves the grain.
        return new DomainStateView(_domain, BuiltInDomains.Contains(_domain), ReadOnly: false, _state.State.State);
    }

    public async Task DefineAsync(string code)
    {
        EnsureCalledByWorkspace();
        if (BuiltInDomains.Contains(_domain))
            throw new OrleansVmException(ErrorCodes.ValidationError, $"'{_domain}' is a built-in domain.", new JsonObject { ["field"] = "domain" });
        var reducer = LoadCustom(code ?? throw new ArgumentNullException(nameof(code)));
        // A replaced definition keeps the state (an operator upgrading reducers); a new one starts from its initial state.
        if (_state.State.Code is null || _state.State.State is null) _state.State.State = reducer.InitialState();
        _state.State.Code = code;
        _reducer = reducer;
        _changed = true;
        _projection = null;
        await _writer.RequestAsync();
    }

    public async Task ForgetInstanceAsync(string instanceId)
    {
        EnsureCalledByWorkspace();
        _access.Remove(instanceId);
        _accessEpoch++;
        var removedMark = _state.State.Applied.Remove(instanceId);
        var newState = _reducer is not null && _state.State.State is not null ? _reducer.Forget(_state.State.State, instanceId) : null;
        if (newState is not null)
        {
            _state.State.State = newState;
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
                var metrics = await GrainFactory.GetGrain<IWorkspaceActivityGrain>(_workspaceId).GetMetricsAsync();
                return new JsonObject
                {
                    ["pluginCount"] = (await registry).Count, ["dispatchCount"] = metrics.DispatchCount,
                    ["lastDispatchId"] = metrics.LastDispatchId, ["lastScope"] = metrics.LastScope,
                    ["lastActionType"] = metrics.LastActionType, ["lastOutcome"] = metrics.LastOutcome,
                    ["lastReason"] = metrics.LastReason, ["lastTimestamp"] = metrics.LastTimestamp is { } last ? UtcTimestamps.Of(last) : null,
                };
            default:
                if (_reducer is null || _state.State.State is null) return null;
                // Handed out as is: Orleans deep-copies the response on this activation's scheduler, so readers get
                // their own tree and no other thread ever reads this one (a parsed node materializes lazily).
                return _projection ??= _reducer.Project(_state.State.State);
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await _faults.BeforeDomainWriteAsync(Key);
            var changed = _changed;
            _changed = false;
            await _state.WriteStateAsync();
            if (changed) await PublishChangedAsync();
        }
        catch
        {
            // The in-memory state holds changes that are not durable: drop it; the next activation reloads.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task PublishChangedAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IWorkspaceEventsGrain>(_workspaceId).PublishAsync(WorkspaceEventNames.DomainChanged, new JsonObject { ["domain"] = _domain });
        }
        catch (Exception)
        {
            // The stream is best effort; the change itself is durable.
        }
    }

    private CustomDomainReducer LoadCustom(string code)
    {
        var program = DomainProgram.Parse(code, _options.Limits);
        return new CustomDomainReducer(DomainSandbox.Load(program, _options.Limits));
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

    private IWorkspaceGrain Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(_workspaceId);
}
