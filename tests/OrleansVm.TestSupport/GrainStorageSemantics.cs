namespace OrleansVm.TestSupport;

/// <summary>
/// Where Orleans' stock providers legitimately differ from the project's providers. Each flag names one
/// observable difference; the conformance suite asserts the flag's side, so a change in either direction fails.
/// </summary>
/// <param name="ClearKeepsEtag">
/// After ClearStateAsync the grain holds a non-null ETag and a write with the pre-clear ETag conflicts (a
/// tombstone version: no ABA). False for Orleans' memory provider, which deletes the entry and resets the
/// ETag to null, so the ETag sequence restarts.
/// </param>
/// <param name="ForeignEtagIsInconsistentState">
/// A write with an ETag the provider never issued fails with InconsistentStateException, so Orleans drops the
/// activation. False for Orleans' ADO.NET provider, which fails to parse it as its integer version and throws
/// another exception (nothing is written either way).
/// </param>
/// <remarks>
/// Checked and common to all four (so asserted unconditionally): a read of a missing state and a clear both
/// hand the grain a fresh State instance; conflicts raise InconsistentStateException and change nothing.
/// </remarks>
public sealed record GrainStorageSemantics(bool ClearKeepsEtag, bool ForeignEtagIsInconsistentState)
{
    /// <summary>OrleansVmGrainStorage over SQLite or PostgreSQL.</summary>
    public static GrainStorageSemantics OrleansVm { get; } = new(ClearKeepsEtag: true, ForeignEtagIsInconsistentState: true);

    /// <summary>Orleans' MemoryGrainStorage.</summary>
    public static GrainStorageSemantics OrleansMemory { get; } = new(ClearKeepsEtag: false, ForeignEtagIsInconsistentState: true);

    /// <summary>Orleans' AdoNetGrainStorage (PostgreSQL).</summary>
    public static GrainStorageSemantics OrleansAdoNet { get; } = new(ClearKeepsEtag: true, ForeignEtagIsInconsistentState: false);
}
