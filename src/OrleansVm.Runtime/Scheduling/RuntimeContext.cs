namespace OrleansVm.Runtime;

/// <summary>Read-only view of the turn the current code runs in.</summary>
public static class RuntimeContext
{
    /// <summary>The grain whose turn is running here; null outside any grain (a client or test).</summary>
    public static GrainId? CurrentGrainId => TurnContext.Current?.Activation.GrainId;

    /// <summary>
    /// The grain whose call started the current turn; null when a client or test called, or for
    /// timer and lifecycle turns. Set by the runtime, so grains can base capability checks on it.
    /// </summary>
    public static GrainId? CallingGrainId => TurnContext.Current?.Parent?.Activation.GrainId;
}
