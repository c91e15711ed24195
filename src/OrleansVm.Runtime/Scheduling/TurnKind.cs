namespace OrleansVm.Runtime;

/// <summary>How a turn may overlap with the other turns of its activation.</summary>
internal enum TurnKind : byte
{
    /// <summary>Runs alone: no other turn may run beside it (the default).</summary>
    Exclusive,
    /// <summary>A [ReadOnly] method: runs beside other read-only turns only.</summary>
    ReadOnly,
    /// <summary>[Reentrant] grain, [AlwaysInterleave] method or call-chain reentry: runs beside anything.</summary>
    Interleaved,
}
