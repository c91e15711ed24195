using System.Reflection;

namespace OrleansVm.Runtime;

/// <summary>What the runtime knows about a registered grain class; computed once at silo start.</summary>
internal sealed class GrainClass
{
    public GrainClass(Type type, GrainType grainType, TimeSpan? collectionAge, GrainActivator activator)
    {
        Type = type;
        GrainType = grainType;
        CollectionAge = collectionAge ?? type.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount;
        IsReentrant = type.IsDefined(typeof(ReentrantAttribute), inherit: true);
        StorageProviderName = type.GetCustomAttribute<StorageProviderAttribute>()?.ProviderName ?? GrainStorageNames.Default;
        Activator = activator;
    }

    public Type Type { get; }

    public GrainType GrainType { get; }

    /// <summary>Per-class idle collection age; null: the silo's default.</summary>
    public TimeSpan? CollectionAge { get; }

    public bool IsReentrant { get; }

    /// <summary>Storage provider of <see cref="Grain{TState}"/>.State.</summary>
    public string StorageProviderName { get; }

    public GrainActivator Activator { get; }

    /// <summary>Default grain type name: class name without a "Grain" suffix, lower case (as Orleans does).</summary>
    public static GrainType DefaultGrainType(Type grainClass)
    {
        var explicitName = grainClass.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.Name;
        if (explicitName is not null)
        {
            return new GrainType(explicitName);
        }

        var name = grainClass.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        return new GrainType(name.ToLowerInvariant());
    }
}
