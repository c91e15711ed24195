namespace OrleansVm.Runtime;

/// <summary>Every call to this grain class may interleave with every other (no turn exclusivity).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}

/// <summary>On a grain interface method: the call runs at once, interleaving with any other turn.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}

/// <summary>On a grain interface method: it does not change state, so such calls may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
}

/// <summary>Names a grain class's <see cref="GrainType"/> explicitly (default: class name without "Grain", lower case).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Overrides the idle collection age for a grain class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public double Minutes { get; init; }
    public double Seconds { get; init; }

    public TimeSpan Amount => TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}

/// <summary>Chooses the storage provider used by a <see cref="Grain{TState}"/> (default: "Default").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StorageProviderAttribute : Attribute
{
    public string ProviderName { get; init; } = GrainStorageNames.Default;
}
