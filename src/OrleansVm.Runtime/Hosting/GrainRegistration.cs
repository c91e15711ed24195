namespace OrleansVm.Runtime;

/// <summary>A grain class registered with the silo, with the grain interfaces it serves. Registered in DI as a singleton.</summary>
public sealed class GrainRegistration
{
    public GrainRegistration(Type grainClass, IReadOnlyList<Type> interfaces, TimeSpan? collectionAge = null, string? grainTypeName = null)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
        {
            throw new GrainConfigurationException($"{grainClass.FullName} is not a concrete class deriving from Grain.");
        }

        foreach (var grainInterface in interfaces)
        {
            if (!grainInterface.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface) || !grainInterface.IsAssignableFrom(grainClass))
            {
                throw new GrainConfigurationException($"{grainInterface.FullName} is not a grain interface implemented by {grainClass.FullName}.");
            }
        }

        GrainClass = grainClass;
        Interfaces = interfaces;
        CollectionAge = collectionAge;
        GrainTypeName = grainTypeName;
    }

    public Type GrainClass { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>Overrides the silo's collection age for this class.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>Overrides the grain type name (default: [GrainType] or the class name without "Grain", lower case).</summary>
    public string? GrainTypeName { get; }

    /// <summary>Every grain interface <paramref name="grainClass"/> implements (start-up reflection only).</summary>
    public static IReadOnlyList<Type> GrainInterfacesOf(Type grainClass) =>
        [.. grainClass.GetInterfaces().Where(i => i != typeof(IGrainWithStringKey) && i != typeof(IGrain) && typeof(IGrainWithStringKey).IsAssignableFrom(i))];
}

/// <summary>Per-class settings given to AddGrain.</summary>
public sealed class GrainTypeOptions
{
    public TimeSpan? CollectionAge { get; set; }

    public string? GrainTypeName { get; set; }
}
