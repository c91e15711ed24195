namespace OrleansVm.Runtime;

/// <summary>
/// A grain interface whose grains are addressed by a string key. The source generator emits a
/// reference (proxy) and method table for every interface that extends it.
/// </summary>
public interface IGrainWithStringKey : IGrain
{
}
