namespace OrleansVm.Runtime;

/// <summary>Grain timers of an activation: each tick is queued as a turn; all stop on deactivation.</summary>
internal sealed partial class Activation
{
    private readonly List<GrainTimer> _timers = [];

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period, bool interleave)
    {
        var timer = new GrainTimer(this, callback, state, period, interleave ? TurnKind.Interleaved : TurnKind.Exclusive);
        lock (_timers)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Deactivated)
            {
                throw new InvalidOperationException($"Cannot register a timer on {GrainId}: it is deactivating.");
            }

            _timers.Add(timer);
        }

        timer.Start(dueTime);
        return timer;
    }

    internal void OnTimerDisposed(GrainTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    internal void ScheduleTick(WorkItem tick) => Schedule(tick);

    internal ValueTask RunTimerTurnAsync(TimerTick tick) => RunTimerTurnCoreAsync(tick);

    private async ValueTask RunTimerTurnCoreAsync(TimerTick tick)
    {
        var turn = new TurnContext(this, parent: null);
        TurnContext.SetCurrent(turn);
        Exception? failure = null;
        try
        {
            await tick.Timer.InvokeCallbackAsync(Catalog.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            failure = error;
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(Catalog.Logger, error, "Timer callback of {GrainId} failed", GrainId);
        }

        // Timer ticks do not keep the grain alive (isCall: false), as in Orleans.
        EndTurn(turn, tick.Kind, failure, isCall: false);
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Stop();
        }
    }
}
