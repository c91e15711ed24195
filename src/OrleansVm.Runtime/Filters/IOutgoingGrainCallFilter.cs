namespace OrleansVm.Runtime;

/// <summary>Runs around every call a grain or client of this silo sends (register in DI as IOutgoingGrainCallFilter).</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}
