using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace OrleansVm.Testing;

/// <summary>Fails chosen writes of the OrleansVm grain storage, whatever provider is behind it (see <see cref="OrleansVmTestClusterExtensions.WithStorageFaults"/>).</summary>
public sealed class StorageFaults
{
    private string? _failNextWriteOf;
    private string? _crashAfterNextWriteOf;
    private volatile bool _exactName;

    /// <summary>The next write of a state whose name starts with <paramref name="stateNamePrefix"/> (e.g. "instance") throws <see cref="SimulatedStorageFault"/>; nothing is written.</summary>
    public void FailNextWriteOf(string stateNamePrefix)
    {
        _exactName = false;
        Volatile.Write(ref _failNextWriteOf, stateNamePrefix);
    }

    /// <summary>The next write of the state named exactly <paramref name="stateName"/> (e.g. "domain", not "domain-journal-3") throws.</summary>
    public void FailNextWriteOfExactly(string stateName)
    {
        _exactName = true;
        Volatile.Write(ref _failNextWriteOf, stateName);
    }

    /// <summary>True until the armed failure happened.</summary>
    public bool Armed => Volatile.Read(ref _failNextWriteOf) is not null;

    /// <summary>
    /// The next write of a state whose name starts with <paramref name="stateNamePrefix"/> is made
    /// durable, then throws <see cref="SimulatedStorageFault"/>: the writer fails as if it crashed
    /// right after its save (what it saved is what the next activation reads).
    /// </summary>
    public void CrashAfterNextWriteOf(string stateNamePrefix) => Volatile.Write(ref _crashAfterNextWriteOf, stateNamePrefix);

    internal bool TakeFault(string stateName) => Take(ref _failNextWriteOf, stateName, _exactName);

    internal bool TakeCrashAfter(string stateName) => Take(ref _crashAfterNextWriteOf, stateName, exact: false);

    private static bool Take(ref string? armed, string stateName, bool exact)
    {
        var prefix = Volatile.Read(ref armed);
        return prefix is not null && (exact ? stateName == prefix : stateName.StartsWith(prefix, StringComparison.Ordinal))
            && Interlocked.CompareExchange(ref armed, null, prefix) == prefix;
    }

    /// <summary>Wraps the keyed storage registration <paramref name="name"/> (the last one) with <see cref="FaultyGrainStorage"/>.</summary>
    internal void Decorate(IServiceCollection services, string name)
    {
        var registered = services.LastOrDefault(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException($"No grain storage named '{name}' is registered yet.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new FaultyGrainStorage(this, Create(registered, sp, key)));
    }

    private static IGrainStorage Create(ServiceDescriptor registered, IServiceProvider services, object? key) =>
        (IGrainStorage)(registered.KeyedImplementationInstance
            ?? registered.KeyedImplementationFactory?.Invoke(services, key)
            ?? ActivatorUtilities.CreateInstance(services, registered.KeyedImplementationType!));
}

/// <summary>The failure <see cref="StorageFaults.FailNextWriteOf"/> and <see cref="StorageFaults.CrashAfterNextWriteOf"/> inject (serializable: it reaches the test through grain calls).</summary>
[GenerateSerializer]
public sealed class SimulatedStorageFault : Exception
{
    public SimulatedStorageFault(string message) : base(message)
    {
    }
}

/// <summary>A storage that fails armed writes before or after they reach the real one; it takes part in the silo lifecycle as the real one did.</summary>
internal sealed class FaultyGrainStorage(StorageFaults faults, IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.TakeFault(stateName)) throw new SimulatedStorageFault($"simulated write failure of {stateName}/{grainId}");
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (faults.TakeCrashAfter(stateName)) throw new SimulatedStorageFault($"simulated crash after the write of {stateName}/{grainId}");
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
