namespace OrleansVm.Runtime;

/// <summary>
/// Decides which silo owns a grain. The cluster issue replaces <see cref="LocalGrainPlacement"/>
/// with a deterministic function of the grain id and the live silos (rendezvous hashing over
/// membership), so any silo or client routes without a lookup.
/// </summary>
public interface IGrainPlacement
{
    SiloAddress GetOwner(GrainId grainId);
}

/// <summary>Single-silo placement: every grain lives here.</summary>
public sealed class LocalGrainPlacement(ILocalSiloDetails localSilo) : IGrainPlacement
{
    private readonly SiloAddress _local = localSilo.Address;

    public SiloAddress GetOwner(GrainId grainId) => _local;
}
