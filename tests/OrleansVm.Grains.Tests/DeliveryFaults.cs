namespace OrleansVm.Grains.Tests;

/// <summary>
/// Faults on demand on the path from an instance to its domains, from outside the grains: an
/// outgoing call filter on the silo fails an instance's delivery before it leaves (the domain is
/// unreachable), an incoming one lets the domain apply a dispatch and make it durable, then throws
/// (the acknowledgement is lost). Each "Fail..."/"Lose..." arms that many failures. Storage faults
/// are <see cref="Testing.StorageFaults"/>'.
/// </summary>
public sealed class DeliveryFaults : IOutgoingGrainCallFilter, IIncomingGrainCallFilter
{
    private int _failDeliveries;
    private int _loseAcks;

    /// <summary>Serializable: it crosses grain boundaries on its way back to the test.</summary>
    [GenerateSerializer]
    public sealed class InjectedFault : Exception
    {
        public InjectedFault(string message) : base(message)
        {
        }
    }

    /// <summary>Completes the next time a domain answers a dispatch (after making it durable).</summary>
    public TaskCompletionSource NextDurable { get; private set; } = New();

    public void FailNextDeliveries(int count) => Interlocked.Exchange(ref _failDeliveries, count);

    public void LoseNextAck() => Interlocked.Exchange(ref _loseAcks, 1);

    public void ExpectDurable() => NextDurable = New();

    /// <summary>Adds both filters to a silo (the same instance on every silo of the test).</summary>
    public void AddTo(ISiloBuilder silo)
    {
        silo.AddOutgoingGrainCallFilter(this);
        silo.AddIncomingGrainCallFilter(this);
    }

    Task IOutgoingGrainCallFilter.Invoke(IOutgoingGrainCallContext context)
    {
        if (IsDelivery(context) && Take(ref _failDeliveries)) throw new InjectedFault("simulated unreachable domain");
        return context.Invoke();
    }

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (!IsDelivery(context)) return;
        NextDurable.TrySetResult();
        if (Take(ref _loseAcks)) throw new InjectedFault("simulated lost acknowledgement");
    }

    /// <summary>An instance's <see cref="ISharedDomainGrain.ApplyAsync"/>: the one call that carries a shared intent.</summary>
    internal static bool IsDelivery(IGrainCallContext context) =>
        context.InterfaceMethod?.DeclaringType == typeof(ISharedDomainGrain)
        && context.MethodName == nameof(ISharedDomainGrain.ApplyAsync)
        && context.SourceId is { } source && source.Type.ToString() == GrainTypes.PluginInstance;

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
