using OrleansVm.Runtime;

namespace OrleansVm.Grains;

/// <summary>
/// The grain that made the current incoming call, as the runtime reported it to
/// <see cref="CallerIdentityFilter"/>. Flows with the call's async context; null for clients,
/// tests and calls that did not pass the filter, so checks built on it fail closed.
/// </summary>
public static class CallerIdentity
{
    private static readonly AsyncLocal<GrainId?> Current = new();

    public static GrainId? Caller => Current.Value;

    internal static void Set(GrainId? caller) => Current.Value = caller;
}

/// <summary>Records the runtime-set source of calls to the grains that check their caller.</summary>
public sealed class CallerIdentityFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Grain is ICallerCheckingGrain ? InvokeWithCallerAsync(context) : context.Invoke();

    // Async on purpose: the AsyncLocal change stays inside this call and never leaks back to the caller's context.
    private static async Task InvokeWithCallerAsync(IIncomingGrainCallContext context)
    {
        CallerIdentity.Set(context.SourceId);
        await context.Invoke().ConfigureAwait(false);
    }
}

/// <summary>Marks grain classes that read <see cref="CallerIdentity.Caller"/>.</summary>
public interface ICallerCheckingGrain;
