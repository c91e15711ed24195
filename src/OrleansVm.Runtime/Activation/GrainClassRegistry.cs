namespace OrleansVm.Runtime;

/// <summary>The grain classes of a silo, by grain type and by the grain interfaces they implement.</summary>
internal sealed class GrainClassRegistry : IGrainTypeResolver
{
    private readonly Dictionary<GrainType, GrainClass> _byType = [];
    private readonly Dictionary<Type, GrainType> _byInterface = [];

    public GrainClassRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            var grainType = registration.GrainTypeName is { } name ? new GrainType(name) : GrainClass.DefaultGrainType(registration.GrainClass);
            if (_byType.TryGetValue(grainType, out var existing) && existing.Type != registration.GrainClass)
            {
                throw new GrainConfigurationException(
                    $"Grain type '{grainType}' is used by both {existing.Type.FullName} and {registration.GrainClass.FullName}; name one with [GrainType(\"...\")].");
            }

            // Registering the same class again replaces its settings (the last registration wins, as in DI).
            _byType[grainType] = new GrainClass(registration.GrainClass, grainType, registration.CollectionAge, existing?.Activator ?? new GrainActivator(registration.GrainClass));

            foreach (var grainInterface in registration.Interfaces)
            {
                if (_byInterface.TryGetValue(grainInterface, out var other) && other != grainType)
                {
                    throw new GrainConfigurationException(
                        $"Grain interface {grainInterface.FullName} is implemented by two registered grain types ('{other}' and '{grainType}').");
                }

                _byInterface[grainInterface] = grainType;
            }
        }
    }

    public GrainType GetGrainType(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var type)
            ? type
            : throw new GrainConfigurationException($"No grain class is registered for {grainInterface.FullName} (AddGrain<{grainInterface.Name}, TGrain>()).");

    public GrainClass GetClass(GrainType grainType) =>
        _byType.TryGetValue(grainType, out var grainClass)
            ? grainClass
            : throw new GrainConfigurationException($"No grain class is registered for grain type '{grainType}'.");

    public IEnumerable<GrainClass> Classes => _byType.Values;
}
