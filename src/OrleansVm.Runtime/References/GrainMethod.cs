namespace OrleansVm.Runtime;

/// <summary>
/// Describes one grain interface method: a stable id a remote transport can send, the types it
/// needs to (de)serialize arguments and result, and the scheduling flags of the method. Built once
/// per method by generated code.
/// </summary>
public abstract class GrainMethod
{
    protected GrainMethod(Type interfaceType, string name, string id, Type[] parameterTypes, Type resultType, GrainMethodFlags flags)
    {
        InterfaceType = interfaceType;
        Name = name;
        Id = id;
        ParameterTypes = parameterTypes;
        ResultType = resultType;
        Flags = flags;
    }

    /// <summary>The interface that declares the method.</summary>
    public Type InterfaceType { get; }

    public string Name { get; }

    /// <summary>Stable id: "Namespace.IInterface.Method(ParamType,...)".</summary>
    public string Id { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>The awaited result type; <see cref="VoidResult"/> for Task / ValueTask.</summary>
    public Type ResultType { get; }

    public GrainMethodFlags Flags { get; }

    public bool AlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    public bool ReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;

    public override string ToString() => Id;
}

[Flags]
public enum GrainMethodFlags
{
    None = 0,
    AlwaysInterleave = 1,
    ReadOnly = 2,
}
