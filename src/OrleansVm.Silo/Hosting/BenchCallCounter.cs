using System.Collections.Concurrent;
using Orleans;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Counts grain calls by interface method for the HTTP benchmark (calls per event). Registered only with
/// <c>--enable-bench-endpoints</c>; read through <c>GET /api/v1/_bench/runtime</c>.
/// </summary>
public sealed class BenchCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, StrongBox> _calls = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var name = method is null ? "?" : $"{method.DeclaringType?.Name}.{method.Name}";
        Interlocked.Increment(ref _calls.GetOrAdd(name, static _ => new StrongBox()).Value);
        return context.Invoke();
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _calls.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value), StringComparer.Ordinal);

    private sealed class StrongBox
    {
        public long Value;
    }
}
