namespace OrleansVm.Runtime;

/// <summary>
/// The stable name of a grain class (e.g. "counter"), part of every <see cref="GrainId"/>. It is
/// stored with state and will be hashed for placement, so it must not depend on the process.
/// </summary>
public readonly record struct GrainType(string Value)
{
    public override string ToString() => Value;
}
