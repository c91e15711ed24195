using Jint.Runtime;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Jint's LimitRecursion counts calls per function (its statistics dictionary is keyed by
/// function). Making every call stack element equal turns that count into the total depth.
/// </summary>
internal sealed class TotalDepthComparer : IEqualityComparer<CallStackElement>
{
    public static readonly TotalDepthComparer Instance = new();

    public bool Equals(CallStackElement? x, CallStackElement? y) => true;

    public int GetHashCode(CallStackElement obj) => 0;
}
