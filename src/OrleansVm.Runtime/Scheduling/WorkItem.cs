namespace OrleansVm.Runtime;

/// <summary>
/// A unit of work waiting in an activation's queue (a call that could not run inline, a timer
/// tick). It is started on the thread pool once the activation admits it.
/// </summary>
internal abstract class WorkItem : IThreadPoolWorkItem
{
    protected WorkItem(TurnKind kind, TurnContext? caller)
    {
        Kind = kind;
        Caller = caller;
    }

    public TurnKind Kind { get; set; }

    public TurnContext? Caller { get; }

    /// <summary>Runs the admitted turn.</summary>
    public abstract void Execute();

    /// <summary>The activation went away before this ran: send it again (to a new activation) or drop it.</summary>
    public abstract void Reroute();

    /// <summary>The activation could not be created: fail the work with the activation's error.</summary>
    public abstract void Fail(Exception error);
}
