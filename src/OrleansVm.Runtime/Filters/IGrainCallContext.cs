namespace OrleansVm.Runtime;

/// <summary>What a call filter sees of a call.</summary>
public interface IGrainCallContext
{
    /// <summary>The calling grain, set by the runtime from the turn the call was made in; null for a client or test (external caller).</summary>
    GrainId? SourceId { get; }

    GrainId TargetId { get; }

    Type InterfaceType { get; }

    string MethodName { get; }

    /// <summary>The stable method id a remote transport would send.</summary>
    string MethodId { get; }

    GrainMethod Method { get; }

    /// <summary>The call's arguments; a filter may replace them before calling <see cref="Invoke"/>.</summary>
    object?[] Arguments { get; }

    /// <summary>The result once <see cref="Invoke"/> completed (boxed; null for Task / ValueTask methods). A filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, and in the end the call. A filter refuses a call by throwing instead.</summary>
    Task Invoke();
}

/// <summary>Context of a call arriving at a grain; runs inside the target's turn.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The target grain instance.</summary>
    object Grain { get; }
}

/// <summary>Context of a call leaving a grain or client, before it is routed.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
}
