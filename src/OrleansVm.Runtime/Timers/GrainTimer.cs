namespace OrleansVm.Runtime;

/// <summary>
/// A timer whose ticks run as turns of the grain. The next tick is armed only after the
/// previous tick's turn ended, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly TurnKind _kind;
    private readonly Timer _timer;
    private TimeSpan _period;
    private volatile bool _stopped;

    public GrainTimer(Activation activation, Func<object?, CancellationToken, Task> callback, object? state, TimeSpan period, TurnKind kind)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
        _period = period;
        _kind = kind;
        _timer = new Timer(static self => ((GrainTimer)self!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start(TimeSpan dueTime) => Arm(dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        Arm(dueTime);
    }

    public void Dispose()
    {
        Stop();
        _activation.OnTimerDisposed(this);
    }

    public void Stop()
    {
        _stopped = true;
        _timer.Dispose();
    }

    public Task InvokeCallbackAsync(CancellationToken cancellationToken) =>
        _stopped ? Task.CompletedTask : _callback(_state, cancellationToken);

    /// <summary>Called when the tick's turn ended.</summary>
    public void OnTickEnded()
    {
        if (_period != Timeout.InfiniteTimeSpan)
        {
            Arm(_period);
        }
    }

    private void OnDue()
    {
        if (!_stopped)
        {
            _activation.ScheduleTick(new TimerTick(this, _activation, _kind));
        }
    }

    private void Arm(TimeSpan dueTime)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped concurrently.
        }
    }
}
