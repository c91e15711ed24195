namespace OrleansVm.Runtime;

/// <summary>Marker for grain interfaces and grain references (an addressable virtual actor).</summary>
public interface IGrain
{
}
