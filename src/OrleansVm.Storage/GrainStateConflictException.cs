namespace OrleansVm.Storage;

/// <summary>
/// A write or clear of the record store was refused because the stored ETag is not the one the caller
/// last saw: another activation (or a stale one) wrote in between. <see cref="OrleansVmGrainStorage"/>
/// turns it into Orleans' <c>InconsistentStateException</c>, which makes Orleans drop the activation so
/// that its next call reloads fresh state.
/// </summary>
public sealed class GrainStateConflictException : Exception
{
    public GrainStateConflictException(string stateType, string grainKey, long expectedEtag, long storedEtag)
        : base($"ETag conflict on {stateType}/{grainKey}: expected {expectedEtag}, stored {storedEtag}.")
    {
        StateType = stateType;
        GrainKey = grainKey;
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    public string StateType { get; }
    public string GrainKey { get; }
    public long ExpectedEtag { get; }
    public long StoredEtag { get; }
}
