namespace OrleansVm.Runtime;

/// <summary>What the generator emits per grain interface: how to build a reference and its methods.</summary>
public sealed class GrainInterfaceDescriptor(
    Type interfaceType,
    Func<GrainId, IGrainCallInvoker, GrainReference> createReference,
    IReadOnlyList<GrainMethod> methods)
{
    public Type InterfaceType { get; } = interfaceType;

    public Func<GrainId, IGrainCallInvoker, GrainReference> CreateReference { get; } = createReference;

    public IReadOnlyList<GrainMethod> Methods { get; } = methods;
}
