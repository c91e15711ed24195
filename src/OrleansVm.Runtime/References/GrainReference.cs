namespace OrleansVm.Runtime;

/// <summary>
/// Base of every generated grain reference: a grain id plus the invoker calls go through. Holds
/// no activation, so it is cheap, usable from any thread and serializable as its id. Two
/// references are equal when they address the same grain.
/// </summary>
public abstract class GrainReference : IGrainWithStringKey, IEquatable<GrainReference>
{
    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        Invoker = invoker;
    }

    public GrainId GrainId { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public abstract Type InterfaceType { get; }

    protected IGrainCallInvoker Invoker { get; }

    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"GrainReference({InterfaceType.Name}, {GrainId})";
}
