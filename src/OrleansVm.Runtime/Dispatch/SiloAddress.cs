namespace OrleansVm.Runtime;

/// <summary>Identifies a silo of the cluster. Today only the silo id; the transport will add an endpoint.</summary>
public sealed record SiloAddress(string SiloId)
{
    public override string ToString() => SiloId;
}
