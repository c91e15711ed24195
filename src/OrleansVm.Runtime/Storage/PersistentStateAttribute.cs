namespace OrleansVm.Runtime;

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: inject a
/// state named <see cref="StateName"/> in provider <see cref="StorageName"/> (null: the grain
/// class's provider, by default "Default"). It is read before OnActivateAsync.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
