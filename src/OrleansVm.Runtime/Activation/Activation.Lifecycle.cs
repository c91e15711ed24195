using Microsoft.Extensions.Logging;

namespace OrleansVm.Runtime;

/// <summary>Activation, deactivation, idle collection and keep-alive of an activation.</summary>
internal sealed partial class Activation
{
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IPersistentStateLoader> _persistentStates = [];
    private DeactivationReason? _pendingDeactivation;
    private int _itemsBeforeDeactivation;
    private long _lastActiveMs;
    private long _keepAliveUntilMs;
    private volatile bool _stateInconsistent;

    /// <summary>Completes once the activation has deactivated (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>A deactivation is requested and nothing queued is ahead of it: new work waits for the next activation.</summary>
    private bool DeactivationIsNext => _pendingDeactivation is not null && _itemsBeforeDeactivation <= 0;

    public void AddPersistentState(IPersistentStateLoader state) => _persistentStates.Add(state);

    /// <summary>The in-memory state is stale (ETag conflict): drop the activation after the current turn.</summary>
    public void MarkStateInconsistent() => _stateInconsistent = true;

    public void DeactivateOnIdle()
    {
        lock (_gate)
        {
            _keepAliveUntilMs = 0;
        }

        RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"), afterQueuedWork: false);
    }

    public void DelayDeactivation(TimeSpan duration)
    {
        lock (_gate)
        {
            _keepAliveUntilMs = duration <= TimeSpan.Zero ? 0 : Environment.TickCount64 + (long)duration.TotalMilliseconds;
        }
    }

    /// <summary>
    /// Asks for deactivation once no turn runs. <paramref name="afterQueuedWork"/>: let the calls
    /// already queued run first (graceful shutdown); otherwise they go to the next activation.
    /// </summary>
    public void RequestDeactivation(DeactivationReason reason, bool afterQueuedWork)
    {
        bool deactivate;
        WorkItem? next;
        List<WorkItem>? more = null;
        lock (_gate)
        {
            if (_status == ActivationStatus.Created)
            {
                // Never started: nothing to run OnDeactivateAsync on.
                _status = ActivationStatus.Deactivated;
                Catalog.Remove(this);
                _deactivated.TrySetResult();
                return;
            }

            RequestDeactivationLocked(reason, afterQueuedWork);
            deactivate = PumpLocked(out next, ref more);
        }

        StartWork(next, more, deactivate);
    }

    private void RequestDeactivationLocked(DeactivationReason reason, bool afterQueuedWork)
    {
        if (_status is ActivationStatus.Deactivating or ActivationStatus.Deactivated)
        {
            return;
        }

        if (_pendingDeactivation is null)
        {
            _pendingDeactivation = reason;
            _itemsBeforeDeactivation = afterQueuedWork ? _queue.Count : 0;
        }
        else if (!afterQueuedWork)
        {
            _itemsBeforeDeactivation = 0;
        }
    }

    /// <summary>Called by the idle collector: deactivates if nothing ran for <paramref name="ageMs"/> and no keep-alive holds.</summary>
    public void CollectIfIdle(long nowMs, long ageMs)
    {
        lock (_gate)
        {
            if (_status != ActivationStatus.Valid || RunningTurns != 0 || _queue.Count != 0 || _pendingDeactivation is not null
                || nowMs - _lastActiveMs < ageMs || nowMs < _keepAliveUntilMs)
            {
                return;
            }
        }

        RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "idle past its collection age"), afterQueuedWork: false);
    }

    /// <summary>Creates the grain, reads its persistent state and runs OnActivateAsync, as the first turn.</summary>
    private async Task ActivateAsync()
    {
        // Off the first caller's thread: user code (constructor, OnActivateAsync) must not run inside its lock-free fast path.
        await Task.Yield();
        var turn = new TurnContext(this, parent: null);
        TurnContext.SetCurrent(turn);
        try
        {
            _grain = GrainClass.Activator.Create(this);
            foreach (var state in _persistentStates)
            {
                await state.ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (_grain is Grain grain)
            {
                await grain.OnActivateAsync(Catalog.StoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            turn.MarkEnded();
            FailActivation(error);
            return;
        }

        turn.MarkEnded();
        bool deactivate;
        WorkItem? next;
        List<WorkItem>? more = null;
        lock (_gate)
        {
            _status = ActivationStatus.Valid;
            _lastActiveMs = Environment.TickCount64;
            deactivate = PumpLocked(out next, ref more);
        }

        StartWork(next, more, deactivate);
    }

    private void FailActivation(Exception error)
    {
        Catalog.Logger.LogWarning(error, "Activation of {GrainId} failed", GrainId);
        StopTimers();
        var waiting = LeaveCatalogAndTakeQueue();

        foreach (var item in waiting)
        {
            item.Fail(error);
        }

        _deactivated.TrySetResult();
    }

    /// <summary>Runs once no turn is running: stops timers, calls OnDeactivateAsync, leaves the directory, forwards queued calls.</summary>
    private async Task DeactivateAsync()
    {
        var reason = _pendingDeactivation ?? default;
        StopTimers();
        var turn = new TurnContext(this, parent: null);
        TurnContext.SetCurrent(turn);
        if (_grain is Grain grain)
        {
            using var timeout = new CancellationTokenSource(Catalog.Options.DeactivationTimeout);
            try
            {
                await grain.OnDeactivateAsync(reason, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                Catalog.Logger.LogWarning(error, "OnDeactivateAsync of {GrainId} failed", GrainId);
            }
        }

        turn.MarkEnded();
        TurnContext.SetCurrent(null);
        var waiting = LeaveCatalogAndTakeQueue();

        Catalog.Logger.LogDebug("Deactivated {GrainId} ({Reason})", GrainId, reason);
        foreach (var item in waiting)
        {
            item.Reroute();
        }

        _deactivated.TrySetResult();
    }

    /// <summary>Leaves the directory and marks this activation gone; returns the calls still queued, for the caller to fail or reroute.</summary>
    private WorkItem[] LeaveCatalogAndTakeQueue()
    {
        Catalog.Remove(this);
        lock (_gate)
        {
            _status = ActivationStatus.Deactivated;
            WorkItem[] waiting = [.. _queue];
            _queue.Clear();
            return waiting;
        }
    }
}
