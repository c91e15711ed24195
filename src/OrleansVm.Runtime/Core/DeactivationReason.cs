namespace OrleansVm.Runtime;

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReasonCode
{
    None,
    /// <summary>Idle for longer than its collection age.</summary>
    ActivationIdle,
    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,
    /// <summary>A storage ETag conflict: the in-memory state is stale and must be reloaded.</summary>
    InconsistentState,
    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown,
}

public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description)
{
    public override string ToString() => $"{Code}: {Description}";
}
