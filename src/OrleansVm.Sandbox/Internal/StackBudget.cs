namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// How much .NET stack a call may use. Jint counts only call expressions toward the depth
/// limit; recursion through <c>new</c>, getters, coercions or native callbacks is bounded by
/// stack use instead. Measured on Jint 2.10.4: a simple script call level uses 2.6-4 KiB of
/// stack, so the budget allows the spec's depth for ordinary functions (deeper expressions
/// per level reach the limit a little sooner, still as LIMIT_EXCEEDED depth).
/// </summary>
internal static class StackBudget
{
    public const int BytesPerLevel = 4096;

    /// <summary>Room for the host's own frames on top of the script's budget.</summary>
    public const int HostMargin = 256 * 1024;

    public static long BytesFor(int maxCallDepth) => (long)maxCallDepth * BytesPerLevel;

    /// <summary>Stack a thread must have left to run a call inline.</summary>
    public static long RequiredFor(int maxCallDepth) => BytesFor(maxCallDepth) + HostMargin;
}
