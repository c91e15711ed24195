using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansVm.Grains;

/// <summary>
/// The grain or client that made the current incoming call, as Orleans reported it to
/// <see cref="CallerIdentityFilter"/> (the message's sending grain id, set by the runtime; no
/// argument can change it). Flows with the call's async context; null in methods not marked
/// <see cref="ReadsCallerAttribute"/>, so checks built on it fail closed.
/// </summary>
public static class CallerIdentity
{
    private static readonly AsyncLocal<GrainId?> Current = new();

    public static GrainId? Caller => Current.Value;

    /// <summary>True when the current caller is the grain of type <paramref name="grainType"/> keyed <paramref name="key"/>.</summary>
    public static bool Is(string grainType, string key) =>
        Caller is { } caller && caller.Type.ToString() == grainType && caller.Key.ToString() == key;

    /// <summary>The key of the calling grain when it is of type <paramref name="grainType"/>, else null.</summary>
    public static string? KeyIf(string grainType) =>
        Caller is { } caller && caller.Type.ToString() == grainType ? caller.Key.ToString() : null;

    internal static void Set(GrainId? caller) => Current.Value = caller;
}

/// <summary>
/// Records the runtime-set source of calls to the methods marked <see cref="ReadsCallerAttribute"/>. Only those: setting
/// the async-local costs an async frame and an execution-context copy per call, and the hot path's most frequent call
/// (an instance's event) never asks who called.
/// </summary>
public sealed class CallerIdentityFilter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<MethodInfo, bool> _readsCaller = new();

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.InterfaceMethod is { } method && _readsCaller.GetOrAdd(method, static m => m.IsDefined(typeof(ReadsCallerAttribute), inherit: false))
            ? InvokeWithCallerAsync(context)
            : context.Invoke();

    // Async on purpose: the AsyncLocal change stays inside this call and never leaks back to the caller's context.
    private static async Task InvokeWithCallerAsync(IIncomingGrainCallContext context)
    {
        CallerIdentity.Set(context.SourceId);
        await context.Invoke();
    }
}

/// <summary>
/// Marks grain interface methods whose implementation reads <see cref="CallerIdentity.Caller"/>. An unmarked method
/// sees no caller, so a check it makes fails closed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsCallerAttribute : Attribute;
