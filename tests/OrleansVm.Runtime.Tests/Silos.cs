using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

/// <summary>Standalone silos sharing one storage, to simulate two activations of one grain.</summary>
public static class Silos
{
    public static Silo WithStorage(MemoryGrainStorage storage) => new SiloBuilder()
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrainStorage(GrainStorageNames.Default, storage)
        .Build();
}
