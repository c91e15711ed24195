namespace OrleansVm.Runtime;

/// <summary>
/// The identity of a grain: its type plus its string key. Equal ids denote the same virtual
/// actor anywhere in the cluster. The hash code is computed once because the id is the key of
/// every activation lookup on the call path.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hashCode;

    public GrainId(GrainType type, string key)
    {
        ArgumentNullException.ThrowIfNull(type.Value);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        _hashCode = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type.Value), StringComparer.Ordinal.GetHashCode(key));
    }

    public GrainType Type { get; }

    public string Key { get; }

    public bool Equals(GrainId other) =>
        _hashCode == other._hashCode
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(Type.Value, other.Type.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hashCode;

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    /// <summary>"type/key", e.g. "counter/user-1".</summary>
    public override string ToString() => $"{Type.Value}/{Key}";
}
