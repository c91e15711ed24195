namespace OrleansVm.Runtime;

/// <summary>
/// One running turn of an activation. The current turn flows with the async control flow
/// (AsyncLocal) and is set only by the runtime when it runs a turn, which is what makes the
/// caller identity seen by filters and grains impossible to spoof from grain or client code.
/// <see cref="Parent"/> is the turn that made the call, so the chain of turns waiting on each
/// other can be walked to detect a call coming back to an activation already in the chain.
/// </summary>
internal sealed class TurnContext
{
    private static readonly AsyncLocal<TurnContext?> CurrentTurn = new();

    private volatile bool _isRunning = true;

    public TurnContext(Activation activation, TurnContext? parent)
    {
        Activation = activation;
        Parent = parent;
    }

    public static TurnContext? Current => CurrentTurn.Value;

    public Activation Activation { get; }

    public TurnContext? Parent { get; }

    public bool IsRunning => _isRunning;

    public static void SetCurrent(TurnContext? turn) => CurrentTurn.Value = turn;

    public void MarkEnded() => _isRunning = false;

    /// <summary>True when a turn of <paramref name="activation"/> in this call chain is still running (so it is waiting on this call).</summary>
    public bool ChainContainsRunningTurnOf(Activation activation)
    {
        for (var turn = this; turn is not null; turn = turn.Parent)
        {
            if (ReferenceEquals(turn.Activation, activation) && turn.IsRunning)
            {
                return true;
            }
        }

        return false;
    }
}
