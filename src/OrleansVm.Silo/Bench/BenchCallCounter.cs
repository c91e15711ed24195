using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansVm.Silo.Bench;

/// <summary>
/// Counts grain calls by interface method for the HTTP benchmark (calls per event). Registered only with
/// <c>--enable-bench-endpoints</c>; read through <c>GET /api/v1/_bench/runtime</c>. Keyed by the method itself, so
/// counting allocates nothing per call (the benchmark measures bytes per event too).
/// </summary>
public sealed class BenchCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<MethodInfo, Counter> _calls = new();
    private readonly Counter _unknown = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var counter = context.InterfaceMethod is { } method ? _calls.GetOrAdd(method, static _ => new Counter()) : _unknown;
        Interlocked.Increment(ref counter.Value);
        return context.Invoke();
    }

    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (method, counter) in _calls)
        {
            var name = $"{method.DeclaringType?.Name}.{method.Name}";
            calls[name] = calls.GetValueOrDefault(name) + Interlocked.Read(ref counter.Value);
        }

        if (Interlocked.Read(ref _unknown.Value) is var unknown and > 0) calls["?"] = unknown;
        return calls;
    }

    private sealed class Counter
    {
        public long Value;
    }
}
