using OrleansVm.Grains;

namespace OrleansVm.Silo.Bench;

/// <summary>
/// The floors of the HTTP benchmark: what an HTTP request costs with one grain call (<see cref="PingAsync"/>) and
/// with one grain call that writes its state durably through the same storage as the plugin grains
/// (<see cref="WriteAsync"/>). An event does both and more (sandbox, shared domain), so these bound what any event
/// path on this runtime can reach on a given machine. Reached only through the bench endpoints.
/// </summary>
public interface IBenchProbeGrain : IGrainWithStringKey
{
    Task PingAsync();

    /// <summary>Counts one more write and returns once the state is durable.</summary>
    Task<long> WriteAsync();
}

[GenerateSerializer]
public sealed class BenchProbeState
{
    [Id(0)] public long Writes { get; set; }
}

public sealed class BenchProbeGrain(
    [PersistentState("bench-probe", OrleansVmStorage.ProviderName)] IPersistentState<BenchProbeState> state) : Grain, IBenchProbeGrain
{
    public Task PingAsync() => Task.CompletedTask;

    public async Task<long> WriteAsync()
    {
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.State.Writes;
    }
}
