using System.Collections.Concurrent;

namespace OrleansVm.Runtime;

/// <summary>
/// Process-wide table of generated grain interfaces, filled by module initializers that the
/// source generator emits, so nothing is discovered by reflection at run time. Also maps a
/// method id back to its <see cref="GrainMethod"/>, which a remote transport needs on receipt.
/// </summary>
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> Interfaces = new();
    private static readonly ConcurrentDictionary<string, GrainMethod> MethodsById = new(StringComparer.Ordinal);

    /// <summary>Called by generated code.</summary>
    public static void Register(GrainInterfaceDescriptor descriptor)
    {
        Interfaces[descriptor.InterfaceType] = descriptor;
        foreach (var method in descriptor.Methods)
        {
            MethodsById.TryAdd(method.Id, method);
        }
    }

    public static bool TryGet(Type interfaceType, out GrainInterfaceDescriptor descriptor) =>
        Interfaces.TryGetValue(interfaceType, out descriptor!);

    public static GrainInterfaceDescriptor Get(Type interfaceType)
    {
        if (!Interfaces.TryGetValue(interfaceType, out var descriptor))
        {
            // The generated module initializer of the interface's assembly runs on first use of that assembly.
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
            if (!Interfaces.TryGetValue(interfaceType, out descriptor))
            {
                throw new GrainConfigurationException(
                    $"No grain reference was generated for {interfaceType.FullName}. Reference OrleansVm.Runtime.Generators as an analyzer " +
                    "(OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\") in the project that declares the interface, " +
                    "and make the interface public or internal (not nested in a private type).");
            }
        }

        return descriptor;
    }

    public static bool TryGetMethod(string methodId, out GrainMethod method) => MethodsById.TryGetValue(methodId, out method!);
}
