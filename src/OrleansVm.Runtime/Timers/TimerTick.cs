namespace OrleansVm.Runtime;

/// <summary>One due tick of a grain timer, queued like a call.</summary>
internal sealed class TimerTick(GrainTimer timer, Activation activation, TurnKind kind) : WorkItem(kind, caller: null)
{
    public GrainTimer Timer { get; } = timer;

    public override void Execute() => _ = RunAsync();

    // A tick queued on an activation that went away is dropped: its timer stopped with it.
    public override void Reroute()
    {
    }

    public override void Fail(Exception error)
    {
    }

    private async Task RunAsync()
    {
        await activation.RunTimerTurnAsync(this).ConfigureAwait(false);
        Timer.OnTickEnded();
    }
}
