using System.Collections.Concurrent;

namespace OrleansVm.Runtime;

/// <summary>
/// Builds references bound to one invoker (a silo's dispatcher or a client). The interface →
/// grain type mapping and the generated constructor are resolved once per interface.
/// </summary>
public sealed class GrainFactory : IGrainFactory
{
    private readonly IGrainCallInvoker _invoker;
    private readonly IGrainTypeResolver _types;
    private readonly ConcurrentDictionary<Type, (GrainType Type, GrainInterfaceDescriptor Descriptor)> _byInterface = new();

    public GrainFactory(IGrainCallInvoker invoker, IGrainTypeResolver types)
    {
        _invoker = invoker;
        _types = types;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var (type, descriptor) = _byInterface.GetOrAdd(
            typeof(TGrainInterface),
            static (interfaceType, types) => (types.GetGrainType(interfaceType), GrainInterfaceRegistry.Get(interfaceType)),
            _types);
        return (TGrainInterface)(object)descriptor.CreateReference(new GrainId(type, key), _invoker);
    }
}

/// <summary>Maps a grain interface to the grain type that implements it.</summary>
public interface IGrainTypeResolver
{
    GrainType GetGrainType(Type grainInterface);
}
