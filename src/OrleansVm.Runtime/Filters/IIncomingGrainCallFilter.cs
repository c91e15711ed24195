namespace OrleansVm.Runtime;

/// <summary>Runs around every call a grain receives (register in DI as IIncomingGrainCallFilter).</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}
