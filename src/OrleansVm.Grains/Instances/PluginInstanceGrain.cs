using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansVm.Sandbox;
using OrleansVm.Telemetry;

namespace OrleansVm.Grains;

/// <summary>
/// One plugin instance. Not reentrant: a turn owns the sandbox, the state and the outbox. Its grant
/// is cached across turns (<see cref="InstanceAccessCache"/>) and dropped by the workspace whenever it
/// changes, so a revoked grant applies from the next turn without a workspace call per turn. A render or
/// event builds `globalState` from the readable domains' projections for this reader, and an
/// event saves state + kv + outbox in one write before its shared intents are delivered.
/// While the outbox may hold undelivered intents a reminder is registered (before the write that
/// adds them), so a silo that stops or crashes before delivering delivers after it restarts,
/// with no client call. A busy instance keeps it (no reminder-table write per event); it goes once
/// a tick finds the outbox empty and no intent dispatched since the previous tick.
/// </summary>
[GrainType(GrainTypes.PluginInstance)]
public sealed class PluginInstanceGrain(
    [PersistentState("instance", OrleansVmStorage.ProviderName)] IPersistentState<InstanceState> state,
    [PersistentState("logs", OrleansVmStorage.ProviderName)] IPersistentState<InstanceLogState> logState,
    PluginProgramCache programs,
    NativeModuleRegistry modules,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    OrleansVmOptions options,
    SandboxGate gate,
    SandboxMemory memory,
    ActivityReporter activity,
    ProjectionBoard projections,
    ILogger<PluginInstanceGrain> logger) : Grain, IPluginInstanceGrain, IRemindable
{
    /// <summary>The reminder that exists while the outbox may hold undelivered intents.</summary>
    public const string OutboxReminder = "outbox";

    private InstanceLog? _log;
    private PackageVersionInfo? _package;
    private SandboxLease? _lease; // holds the sandbox; SandboxMemory may take it away between calls
    private string? _sandboxModules;
    private bool _loadFailed;
    private bool _outboxTrimmed;
    private bool _reminderRegistered;
    private bool _dispatchedSinceTick;
    private bool _dropped;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _logTimer;
    private OutboxDeliveryLog? _deliveryLog;
    private readonly InstanceAccessCache _access = new();

    private string InstanceId => this.GetPrimaryKeyString();

    private InstanceState S => state.State;

    private InstanceLog Log => _log ??= new InstanceLog(logState.State, clock);

    // Failed deliveries are logged once, then once per reminder period while they go on (not once per retry).
    private OutboxDeliveryLog DeliveryLog => _deliveryLog ??= new OutboxDeliveryLog(logger, options.OutboxRetryPeriod, options.OutboxReminderPeriod, clock);

    /// <summary>For log lines: a removed instance's state no longer names its workspace.</summary>
    private string WorkspaceForLog => S.WorkspaceId ?? "(removed)";

    private SandboxLease Lease => _lease ??= memory.Lease(InstanceId, S.WorkspaceId!);

    private bool Exists => state.RecordExists && !S.Removed && S.WorkspaceId is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Intents saved by an earlier activation that may not have reached their domain.
        if (Exists && S.Outbox.Count != 0)
        {
            _reminderRegistered = true; // registered before they were saved
            logger.OutboxRedelivery(WorkspaceForLog, InstanceId, "activation", S.Outbox.Count);
            await DeliverAndReportAsync([], stateChanged: false);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _lease?.Release();
        if (!Exists || _dropped) return;
        try
        {
            if (_outboxTrimmed) await state.WriteStateAsync(cancellationToken); // delivered entries leave the outbox
            if (Log.Dirty) await logState.WriteStateAsync(cancellationToken);
        }
        catch (Exception error)
        {
            // Harmless: the domains ignore re-delivered duplicates; the log is best effort.
            logger.DeactivationWriteFailed(WorkspaceForLog, InstanceId, GrainsLog.Describe(error));
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OutboxReminder) return;
        if (Exists && S.Outbox.Count != 0)
        {
            logger.OutboxRedelivery(WorkspaceForLog, InstanceId, "the outbox reminder", S.Outbox.Count);
            await RetryAsync(CancellationToken.None);
            return;
        }

        // Still dispatching: keep the reminder rather than unregister now and register again at the next intent.
        if (Exists && _dispatchedSinceTick)
        {
            _dispatchedSinceTick = false;
            return;
        }

        // Everything was delivered and the instance went quiet (or is gone): the safety net is no longer needed.
        await UnregisterOutboxReminderAsync();
    }

    public async Task<InstanceView> CreateAsync(string workspaceId, PackageVersionInfo package)
    {
        EnsureCalledByWorkspace(workspaceId);
        if (state.RecordExists || state.Etag is not null)
            throw new OrleansVmException(ErrorCodes.InstanceExists, $"Instance id '{InstanceId}' is taken.");
        if (Ids.PackageOf(InstanceId) != package.PackageId)
            throw new ArgumentException($"Instance '{InstanceId}' cannot run package '{package.PackageId}'.", nameof(package));

        S.WorkspaceId = workspaceId;
        S.PackageId = package.PackageId;
        S.Version = package.Version;
        S.State = package.InitialState; // Orleans copied the argument: ours to keep
        S.Kv = new JsonObject();
        await SaveAsync();
        _package = package;
        return View(package, "active", Grants.None);
    }

    public async Task<InstanceView> GetAsync(string workspaceId)
    {
        EnsureMine(workspaceId);
        var access = await AccessAsync();
        var package = await PackageAsync();
        return View(package, _loadFailed ? "error" : "active", access.Grants);
    }

    public async Task<JsonNode> RenderAsync(string workspaceId, string widgetId)
    {
        using var span = OrleansVmTracing.Instance("render", InstanceId);
        OrleansVmMetrics.RenderRequested();
        EnsureMine(workspaceId);
        var access = await AccessAsync();
        var sandbox = await SandboxAsync(access.Grants);
        var globalState = await GlobalStateAsync(access.Grants);
        JsonNode tree;
        try
        {
            tree = await gate.RunAsync(S.WorkspaceId!, () => Lease.Run(sandbox, s => s.Render(widgetId, S.State, globalState, S.Kv)));
        }
        catch (SandboxException error)
        {
            LogSandboxFailure(error, "render", widgetId);
            throw;
        }
        ScheduleLogFlush();
        return tree;
    }

    public async Task<EventResponse> HandleEventAsync(string workspaceId, string widgetId, string handler, JsonNode? args)
    {
        using var span = OrleansVmTracing.Instance("event", InstanceId);
        OrleansVmMetrics.EventReceived();
        EnsureMine(workspaceId);
        var access = await AccessAsync();
        var sandbox = await SandboxAsync(access.Grants);
        var globalState = await GlobalStateAsync(access.Grants);

        // Atomic: a sandbox failure throws here and nothing below happens. `args` is this call's own copy.
        EventResult result;
        try
        {
            result = await gate.RunAsync(S.WorkspaceId!, () => Lease.Run(sandbox, s => s.HandleEvent(widgetId, handler, args, S.State, globalState, S.Kv)));
        }
        catch (SandboxException error)
        {
            LogSandboxFailure(error, $"event {handler}", widgetId);
            throw;
        }
        ScheduleLogFlush();

        var now = clock.GetUtcNow();
        var dispatches = new DispatchResult[result.Intents.Count];
        var local = 0;
        for (var i = 0; i < result.Intents.Count; i++)
        {
            var intent = result.Intents[i];
            var sequence = ++S.Sequence;
            var dispatchId = $"{InstanceId}#{sequence}";
            if (intent.Scope == PluginIntent.PluginScope)
            {
                var applied = result.LocalResults[local++];
                dispatches[i] = new DispatchResult(dispatchId, intent.Scope, intent.ActionType, null, applied.Outcome, applied.Reason);
            }
            else if (!access.Grants.WriteShared.Contains(intent.Domain!, StringComparer.Ordinal))
            {
                // Checked first, before anything about the domain is looked at.
                OrleansVmMetrics.Denied("instance");
                dispatches[i] = new DispatchResult(dispatchId, intent.Scope, intent.ActionType, intent.Domain,
                    DispatchOutcomes.Denied, $"missing-write-grant:{intent.Domain}");
                logger.IntentDenied(S.WorkspaceId!, InstanceId, dispatchId, intent.Domain!, intent.ActionType);
            }
            else
            {
                S.Outbox.Add(new OutboxEntry(intent.Domain!, new SharedDispatch(dispatchId, InstanceId, sequence, intent.ActionType, intent.Payload?.DeepClone(), now)));
                dispatches[i] = new DispatchResult(dispatchId, intent.Scope, intent.ActionType, intent.Domain, DispatchOutcomes.Pending, null);
            }
        }

        // The safety net exists before the intents are durable: a crash right after the write still delivers them.
        if (S.Outbox.Count != 0)
        {
            _dispatchedSinceTick = true;
            await EnsureOutboxReminderAsync();
        }
        S.State = result.NewState;
        S.Kv = result.Kv;
        await SaveAsync(); // state, kv, sequence and outbox together
        _outboxTrimmed = false;

        var settled = dispatches.Where(d => d.Outcome != DispatchOutcomes.Pending).ToList();
        var delivered = await DeliverAndReportAsync(settled.Select(d => Record(d, now)).ToList(), stateChanged: true);
        for (var i = 0; i < dispatches.Length; i++)
        {
            if (dispatches[i].Outcome == DispatchOutcomes.Pending && delivered.TryGetValue(dispatches[i].DispatchId, out var outcome))
                dispatches[i] = dispatches[i] with { Outcome = outcome.Outcome, Reason = outcome.Reason };
        }

        return new EventResponse(dispatches, S.State); // Orleans copies the result
    }

    public Task<IReadOnlyList<LogLine>> GetLogsAsync(string workspaceId)
    {
        EnsureMine(workspaceId);
        return Task.FromResult<IReadOnlyList<LogLine>>(Log.Snapshot());
    }

    public async Task RemoveAsync(string workspaceId)
    {
        EnsureCalledByWorkspace(workspaceId);
        EnsureMine(workspaceId);
        // Our own tombstone rather than ClearStateAsync: PersistentState cannot yet read back a cleared
        // SQL record (empty JSON). The record stays, so the id can never be created again.
        state.State = new InstanceState { Removed = true };
        await SaveAsync();
        _lease?.Release();
        _lease = null;
        _retryTimer?.Dispose();
        _logTimer?.Dispose();
        if (logState.RecordExists) await logState.ClearStateAsync();
        await UnregisterOutboxReminderAsync();
        DeactivateOnIdle();
    }

    public Task InvalidateAccessAsync()
    {
        // Only its workspace (a removed or never created instance has nothing cached: no harm either way).
        if (S.WorkspaceId is { } workspaceId && !CallerIdentity.Is(GrainTypes.Workspace, workspaceId)) throw NotFound();
        _access.Invalidate();
        return Task.CompletedTask;
    }

    /// <summary>Delivers the outbox, then records the given and the delivered dispatches. Returns the outcomes by dispatch id.</summary>
    private async Task<Dictionary<string, DomainOutcome>> DeliverAndReportAsync(List<DispatchRecord> records, bool stateChanged)
    {
        var outcomes = new Dictionary<string, DomainOutcome>(StringComparer.Ordinal);
        var delivered = new List<DispatchRecord>();
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        OrleansVmMetrics.OutboxPass(S.Outbox.Count);
        foreach (var entry in S.Outbox.ToList())
        {
            // Per domain in order: a domain that fails stops its own later entries, not the others'.
            if (blocked.Contains(entry.Domain)) continue;
            try
            {
                var outcome = await GrainFactory.Ref<ISharedDomainGrain>(DomainKeys.Of(S.WorkspaceId!, entry.Domain))
                    .ApplyAsync(entry.Dispatch).WaitAsync(options.DeliveryTimeout);
                S.Outbox.Remove(entry);
                _outboxTrimmed = true;
                DeliveryLog.Delivered(WorkspaceForLog, InstanceId, entry.Domain);
                outcomes[entry.Dispatch.DispatchId] = outcome;
                delivered.Add(new DispatchRecord(entry.Dispatch.DispatchId, entry.Dispatch.Timestamp, PluginIntent.SharedScope,
                    entry.Dispatch.ActionType, InstanceId, entry.Domain, outcome.Outcome, outcome.Reason));
            }
            catch (Exception error)
            {
                OrleansVmMetrics.DeliveryFailed();
                blocked.Add(entry.Domain); // stays in the outbox; retried later, applied once
                DeliveryLog.Failed(WorkspaceForLog, InstanceId, entry.Domain, entry.Dispatch.DispatchId, S.Outbox.Count, error);
            }
        }

        ScheduleRetry();
        // Older entries first: they were dispatched before this event's.
        var all = delivered.Where(d => !records.Any(r => r.DispatchId == d.DispatchId)).ToList();
        all.AddRange(records);
        await ReportAsync(Ordered(all), stateChanged);
        return outcomes;
    }

    private static List<DispatchRecord> Ordered(List<DispatchRecord> records) =>
        [.. records.OrderBy(r => long.Parse(r.DispatchId.AsSpan(r.DispatchId.LastIndexOf('#') + 1)))];

    private async Task ReportAsync(List<DispatchRecord> records, bool stateChanged)
    {
        if (records.Count == 0 && !stateChanged) return;
        try
        {
            // The silo's reporter batches this with other instances' reports: one call per batch, not per event.
            // The state is copied now: the report is sent later, after this turn may have moved on.
            await activity.ReportAsync(S.WorkspaceId!, new ActivityReport(records, stateChanged ? new InstanceStateChange(InstanceId, S.State?.DeepClone()) : null));
        }
        catch (Exception error)
        {
            // Observation only: the event itself succeeded and is durable.
            logger.ReportFailed(S.WorkspaceId!, InstanceId, records.Count, GrainsLog.Describe(error));
        }
    }

    private void ScheduleRetry()
    {
        if (S.Outbox.Count == 0)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            return;
        }

        _retryTimer ??= this.RegisterGrainTimer(RetryAsync, options.OutboxRetryPeriod, options.OutboxRetryPeriod);
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        if (!Exists || S.Outbox.Count == 0) return;
        OrleansVmMetrics.OutboxRetry();
        await DeliverAndReportAsync([], stateChanged: false);
        if (_outboxTrimmed)
        {
            await SaveAsync();
            _outboxTrimmed = false;
        }
    }

    /// <summary>Writes the instance state; a failed write leaves memory ahead of storage, so the activation is dropped.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            _dropped = true;
            DeactivateOnIdle();
            logger.InstanceStateWriteFailed(WorkspaceForLog, InstanceId, GrainsLog.Describe(error));
            throw;
        }
    }

    private async Task EnsureOutboxReminderAsync()
    {
        if (_reminderRegistered) return;
        await this.RegisterOrUpdateReminder(OutboxReminder, options.OutboxReminderPeriod, options.OutboxReminderPeriod);
        _reminderRegistered = true;
        logger.OutboxReminderChanged(InstanceId, "registered");
    }

    private async Task UnregisterOutboxReminderAsync()
    {
        if (await this.GetReminder(OutboxReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            logger.OutboxReminderChanged(InstanceId, "unregistered");
        }
        _reminderRegistered = false;
    }

    /// <summary>Saves the console at most once per <see cref="OrleansVmOptions.LogFlushPeriod"/> after it changed.</summary>
    private void ScheduleLogFlush()
    {
        if (!Log.Dirty || _logTimer is not null) return;
        _logTimer = this.RegisterGrainTimer(FlushLogAsync, options.LogFlushPeriod, Timeout.InfiniteTimeSpan);
    }

    private async Task FlushLogAsync(CancellationToken cancellationToken)
    {
        _logTimer?.Dispose();
        _logTimer = null;
        if (!Log.Dirty || !Exists) return;
        Log.Dirty = false;
        try
        {
            await logState.WriteStateAsync(cancellationToken);
        }
        catch (Exception error)
        {
            Log.Dirty = true; // the next change or the deactivation tries again
            logger.ConsoleLogWriteFailed(WorkspaceForLog, InstanceId, GrainsLog.Describe(error));
        }
    }

    private async Task<JsonNode> GlobalStateAsync(Grants grants)
    {
        var shared = new JsonObject();
        if (grants.ReadShared.Count != 0)
        {
            var workspaceId = S.WorkspaceId!;
            var read = await Task.WhenAll(grants.ReadShared.Select(d => ProjectionAsync(DomainKeys.Of(workspaceId, d))));
            for (var i = 0; i < read.Length; i++)
            {
                if (read[i] is { } projection) shared[grants.ReadShared[i]] = projection;
            }
        }

        return new JsonObject
        {
            ["self"] = new JsonObject { ["instanceId"] = InstanceId, ["packageId"] = S.PackageId, ["workspaceId"] = S.WorkspaceId },
            ["shared"] = shared,
        };
    }

    /// <summary>
    /// A readable domain's projection: from the silo's board when the domain is active here and has checked this
    /// instance before (no call), else from the domain. The caller checked the read grant against this turn's grants.
    /// </summary>
    private Task<JsonNode?> ProjectionAsync(string domainKey) =>
        projections.TryRead(domainKey, InstanceId, out var projection)
            ? Task.FromResult(projection)
            : GrainFactory.Ref<ISharedDomainGrain>(domainKey).GetProjectionAsync();

    private async Task<PluginSandbox> SandboxAsync(Grants grants)
    {
        // Modules are bound when a module is first required, so a change of module grant needs a fresh sandbox.
        var moduleKey = string.Join(',', grants.Modules);
        if (Lease.Sandbox is { } held && _sandboxModules == moduleKey) return held;

        var package = await PackageAsync();
        try
        {
            var program = programs.Get(package.Code);
            var sandbox = await gate.RunAsync(S.WorkspaceId!, () => PluginSandbox.Load(program, new SandboxOptions
            {
                Limits = options.Limits,
                Modules = modules,
                EnabledModules = new HashSet<string>(grants.Modules, StringComparer.Ordinal),
                Log = Log,
            }));
            Lease.Hold(sandbox);
            _sandboxModules = moduleKey;
            _loadFailed = false;
            SandboxWarmUp.LogFailureOnce(logger);
            return sandbox;
        }
        catch (SandboxException error)
        {
            _loadFailed = true;
            logger.SandboxLoadFailed(WorkspaceForLog, InstanceId, package.PackageId, package.Version, error.Code, LimitOf(error));
            throw;
        }
    }

    /// <summary>One line per failed sandbox call: limits (the plugin was stopped) as warnings, the plugin's own errors as information.</summary>
    private void LogSandboxFailure(SandboxException error, string operation, string widgetId)
    {
        if (error.Code is SandboxErrorCodes.RuntimeTimeout or SandboxErrorCodes.LimitExceeded)
            logger.SandboxLimitHit(WorkspaceForLog, InstanceId, operation, widgetId, error.Code, LimitOf(error));
        else
            logger.SandboxCallFailed(WorkspaceForLog, InstanceId, operation, widgetId, error.Code);
    }

    private static string? LimitOf(SandboxException error) => error.Details?["limit"]?.ToString();

    private async Task<PackageVersionInfo> PackageAsync() =>
        _package ??= await GrainFactory.Ref<IPackageGrain>(S.PackageId!).GetVersionAsync(S.Version!)
            ?? throw new OrleansVmException(ErrorCodes.PackageNotFound, $"Package '{S.PackageId}' version {S.Version} is gone.");

    private async Task<InstanceAccess> AccessAsync() =>
        await _access.GetAsync(() => GrainFactory.Ref<IWorkspaceGrain>(S.WorkspaceId!).WatchInstanceAccessAsync(InstanceId)) ?? throw NotFound();

    private InstanceView View(PackageVersionInfo package, string status, Grants grants) =>
        new(InstanceId, S.WorkspaceId!, package.PackageId, package.Version, package.Title, package.Widgets, status, S.State, grants); // Orleans copies results

    private DispatchRecord Record(DispatchResult d, DateTimeOffset timestamp) =>
        new(d.DispatchId, timestamp, d.Scope, d.ActionType, InstanceId, d.Domain, d.Outcome, d.Reason);

    private void EnsureMine(string workspaceId)
    {
        if (!Exists || S.WorkspaceId != workspaceId) throw NotFound();
    }

    private void EnsureCalledByWorkspace(string workspaceId)
    {
        if (!CallerIdentity.Is(GrainTypes.Workspace, workspaceId)) throw NotFound();
    }

    private OrleansVmException NotFound() => new(ErrorCodes.InstanceNotFound, $"Instance '{InstanceId}' not found.");
}
