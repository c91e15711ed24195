using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<Guid> ActivationId();

    Task DeactivateWhenIdle();

    Task KeepAlive(TimeSpan duration);

    Task<bool> WasActivatedBeforeFirstCall();

    Task Block(string gate);
}

public sealed class LifecycleGrain(TestProbe probe) : Grain, ILifecycleGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private bool _activated;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activated = true;
        probe.Increment("activate:" + this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        probe.Increment("deactivate:" + this.GetPrimaryKeyString());
        probe.Events.Enqueue($"deactivate:{this.GetPrimaryKeyString()}:{reason.Code}");
        probe.Set($"deactivated:{this.GetPrimaryKeyString()}:{_activationId}");
    }

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task DeactivateWhenIdle()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAlive(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public Task<bool> WasActivatedBeforeFirstCall() => Task.FromResult(_activated);

    public async Task Block(string gate)
    {
        probe.Set(gate + ":entered");
        await probe.WaitFor(gate);
    }
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

public sealed class FailingActivationGrain(TestProbe probe) : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        probe.Increment("failing-activation") == 1
            ? throw new InvalidOperationException("first activation fails")
            : Task.CompletedTask;

    public Task<string> Hello() => Task.FromResult("hello");
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan period);

    Task<int> Work();

    Task Deactivate();
}

public sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private bool _inTurn;
    private bool _deactivated;

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(OnTickAsync, period, period);
        return Task.CompletedTask;
    }

    public async Task<int> Work()
    {
        await EnterAsync();
        return probe.Count("ticks");
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        probe.Set("timer-grain-deactivated");
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_deactivated)
        {
            probe.Increment("tick-after-deactivation");
        }

        if (RuntimeContext.CurrentGrainId != GrainId)
        {
            probe.Increment("tick-outside-turn");
        }

        await EnterAsync();
        if (probe.Increment("ticks") == 5)
        {
            probe.Set("five-ticks");
        }
    }

    /// <summary>Marks the turn busy across an await: an overlapping turn (tick or call) is counted as a violation.</summary>
    private async Task EnterAsync()
    {
        if (_inTurn)
        {
            probe.Increment("overlap");
        }

        _inTurn = true;
        await Task.Yield();
        _inTurn = false;
    }
}
