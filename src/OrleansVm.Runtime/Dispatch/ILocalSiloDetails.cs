namespace OrleansVm.Runtime;

/// <summary>The address of the silo running in this process.</summary>
public interface ILocalSiloDetails
{
    SiloAddress Address { get; }
}

internal sealed class LocalSiloDetails(SiloOptions options) : ILocalSiloDetails
{
    public SiloAddress Address { get; } = new(options.SiloId);
}
