using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>
/// One live instance of a grain on this silo and its turn scheduler. Admission is decided under a
/// short lock that is never held across an await. An idle activation runs an arriving call inline
/// on the caller's thread (no queueing, no thread hop); a busy one queues it in arrival order and
/// starts it on the thread pool when the turns before it have ended.
/// </summary>
internal sealed partial class Activation
{
    private readonly object _gate = new();
    private readonly Queue<WorkItem> _queue = new();
    private ActivationStatus _status;
    private int _exclusiveTurns;
    private int _readOnlyTurns;
    private int _interleavedTurns;
    private object? _grain;

    public Activation(GrainId grainId, GrainClass grainClass, Catalog catalog)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        Catalog = catalog;
        _lastActiveMs = Environment.TickCount64;
    }

    public GrainId GrainId { get; }

    public GrainClass GrainClass { get; }

    public Catalog Catalog { get; }

    public object? GrainInstance => _grain;

    private int RunningTurns => _exclusiveTurns + _readOnlyTurns + _interleavedTurns;

    /// <summary>
    /// Admits a call: runs it inline when it may start now, else queues it. False when this
    /// activation is already gone, so the caller looks the grain up again.
    /// </summary>
    public bool TryInvoke<TResult>(GrainMethod<TResult> method, object?[] arguments, TurnContext? caller, out ValueTask<TResult> response)
    {
        var kind = GrainClass.IsReentrant || method.AlwaysInterleave ? TurnKind.Interleaved
            : method.ReadOnly ? TurnKind.ReadOnly
            : TurnKind.Exclusive;
        QueuedCall<TResult> queued;
        var startActivation = false;
        lock (_gate)
        {
            if (_status == ActivationStatus.Deactivated)
            {
                response = default;
                return false;
            }

            if (_status == ActivationStatus.Valid && !DeactivationIsNext && CanStart(kind, queueIsAhead: _queue.Count != 0))
            {
                Admit(kind);
            }
            else if (_status != ActivationStatus.Created && caller is not null && caller.ChainContainsRunningTurnOf(this))
            {
                // Call-chain reentrancy: a turn of this activation is waiting on this very call
                // (A → B → A); queueing it would deadlock, so it interleaves like a nested call.
                kind = TurnKind.Interleaved;
                Admit(kind);
            }
            else
            {
                if (_status == ActivationStatus.Created)
                {
                    _status = ActivationStatus.Activating;
                    startActivation = true;
                }

                queued = new QueuedCall<TResult>(this, method, arguments, caller, kind);
                _queue.Enqueue(queued);
                goto Queued;
            }
        }

        response = RunCallTurn(method, arguments, caller, kind);
        return true;

    Queued:
        if (startActivation)
        {
            _ = ActivateAsync();
        }

        response = new ValueTask<TResult>(queued.Task);
        return true;
    }

    /// <summary>Runs an admitted call as a turn of this activation.</summary>
    public ValueTask<TResult> RunCallTurn<TResult>(GrainMethod<TResult> method, object?[] arguments, TurnContext? caller, TurnKind kind)
    {
        var turn = new TurnContext(this, caller);
        var previousTurn = TurnContext.Current;
        var previousSyncContext = SynchronizationContext.Current;
        ValueTask<TResult> pending;
        try
        {
            TurnContext.SetCurrent(turn);
            if (previousSyncContext is not null)
            {
                // Grain continuations must not be posted to the caller's context (UI, test runner).
                SynchronizationContext.SetSynchronizationContext(null);
            }

            pending = Catalog.IncomingFilters.Length == 0
                ? method.Invoke(_grain!, arguments)
                : IncomingGrainCallContext<TResult>.InvokeAsync(this, method, arguments, caller);
        }
        catch (Exception error)
        {
            pending = ValueTask.FromException<TResult>(error);
        }
        finally
        {
            TurnContext.SetCurrent(previousTurn);
            if (previousSyncContext is not null)
            {
                SynchronizationContext.SetSynchronizationContext(previousSyncContext);
            }
        }

        if (pending.IsCompleted)
        {
            EndTurn(turn, kind, pending.IsCompletedSuccessfully ? null : pending.AsTask().Exception?.InnerException, isCall: true);
            return pending;
        }

        return AwaitTurnAsync(pending, turn, kind);
    }

    private async ValueTask<TResult> AwaitTurnAsync<TResult>(ValueTask<TResult> pending, TurnContext turn, TurnKind kind)
    {
        try
        {
            var result = await pending.ConfigureAwait(false);
            EndTurn(turn, kind, null, isCall: true);
            return result;
        }
        catch (Exception error)
        {
            EndTurn(turn, kind, error, isCall: true);
            throw;
        }
    }

    /// <summary>Releases the turn's slot and starts whatever may run next.</summary>
    internal void EndTurn(TurnContext turn, TurnKind kind, Exception? error, bool isCall)
    {
        turn.MarkEnded();
        if (error is InconsistentStateException)
        {
            MarkStateInconsistent();
        }

        WorkItem? next;
        List<WorkItem>? more = null;
        bool deactivate;
        lock (_gate)
        {
            Release(kind);
            if (isCall)
            {
                _lastActiveMs = Environment.TickCount64;
            }

            if (_stateInconsistent)
            {
                RequestDeactivationLocked(new DeactivationReason(DeactivationReasonCode.InconsistentState, "storage ETag conflict: state must be reloaded"), afterQueuedWork: false);
            }

            deactivate = PumpLocked(out next, ref more);
        }

        StartWork(next, more, deactivate);
    }

    /// <summary>Queues a work item that is not a call (a timer tick), or runs it now if it may start.</summary>
    private void Schedule(WorkItem item)
    {
        lock (_gate)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Deactivated)
            {
                return;
            }

            if (_status != ActivationStatus.Valid || DeactivationIsNext || !CanStart(item.Kind, queueIsAhead: _queue.Count != 0))
            {
                _queue.Enqueue(item);
                return;
            }

            Admit(item.Kind);
        }

        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    private bool CanStart(TurnKind kind, bool queueIsAhead) => kind switch
    {
        TurnKind.Interleaved => true,
        TurnKind.ReadOnly => !queueIsAhead && _exclusiveTurns == 0 && _interleavedTurns == 0,
        _ => !queueIsAhead && RunningTurns == 0,
    };

    private void Admit(TurnKind kind)
    {
        switch (kind)
        {
            case TurnKind.Exclusive: _exclusiveTurns++; break;
            case TurnKind.ReadOnly: _readOnlyTurns++; break;
            default: _interleavedTurns++; break;
        }
    }

    private void Release(TurnKind kind)
    {
        switch (kind)
        {
            case TurnKind.Exclusive: _exclusiveTurns--; break;
            case TurnKind.ReadOnly: _readOnlyTurns--; break;
            default: _interleavedTurns--; break;
        }
    }

    /// <summary>
    /// Admits queued work from the head while it may start (several read-only turns can start
    /// together). Returns true when the activation should now deactivate.
    /// </summary>
    private bool PumpLocked(out WorkItem? next, ref List<WorkItem>? more)
    {
        next = null;
        if (_status != ActivationStatus.Valid)
        {
            return false;
        }

        while (true)
        {
            if (DeactivationIsNext)
            {
                if (RunningTurns != 0)
                {
                    return false;
                }

                _status = ActivationStatus.Deactivating;
                return true;
            }

            if (_queue.Count == 0 || !CanStart(_queue.Peek().Kind, queueIsAhead: false))
            {
                return false;
            }

            var item = _queue.Dequeue();
            if (_pendingDeactivation is not null)
            {
                _itemsBeforeDeactivation--;
            }

            Admit(item.Kind);
            if (next is null)
            {
                next = item;
            }
            else
            {
                (more ??= []).Add(item);
            }
        }
    }

    private void StartWork(WorkItem? next, List<WorkItem>? more, bool deactivate)
    {
        if (next is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
        }

        if (more is not null)
        {
            foreach (var item in more)
            {
                ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
            }
        }

        if (deactivate)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static activation => _ = activation.DeactivateAsync(), this, preferLocal: false);
        }
    }
}
