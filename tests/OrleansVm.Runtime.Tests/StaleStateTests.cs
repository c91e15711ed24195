using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class StaleStateTests
{
    [Fact]
    public async Task Stale_activation_is_dropped_even_when_the_grain_swallows_the_conflict()
    {
        var storage = new MemoryGrainStorage();
        await using var silo1 = Silos.WithStorage(storage);
        await using var silo2 = Silos.WithStorage(storage);
        await silo1.StartAsync();
        await silo2.StartAsync();
        var on1 = silo1.GrainFactory.GetGrain<ICounterGrain>("swallow");
        var on2 = silo2.GrainFactory.GetGrain<ICounterGrain>("swallow");
        await on2.Get();
        var stale = await on2.ActivationId();
        await on1.Increment();

        Assert.False(await on2.TryIncrement());

        Assert.NotEqual(stale, await on2.ActivationId());
        Assert.True(await on2.TryIncrement());
        Assert.Equal(2, await on2.Get());
    }
}
