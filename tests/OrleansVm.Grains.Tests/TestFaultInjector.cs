namespace OrleansVm.Grains.Tests;

/// <summary>Faults on demand at the exactly-once points; each "Fail..." arms one failure.</summary>
public sealed class TestFaultInjector : IGrainFaultInjector
{
    private int _crashAfterSave;
    private int _failDeliveries;
    private int _failDomainWrites;
    private int _loseAcks;

    /// <summary>Serializable: it crosses grain boundaries on its way back to the test.</summary>
    [GenerateSerializer]
    public sealed class InjectedFault : Exception
    {
        public InjectedFault(string message) : base(message)
        {
        }
    }

    /// <summary>Counts the dispatches a domain made durable and answered (or tried to).</summary>
    public int DurableDispatches;

    /// <summary>Completes the next time a dispatch reaches a domain and becomes durable.</summary>
    public TaskCompletionSource NextDurable { get; private set; } = New();

    public Func<string, string, string>? DomainKeyOverride { get; set; }

    public void CrashAfterNextSave() => Interlocked.Exchange(ref _crashAfterSave, 1);

    public void FailNextDeliveries(int count) => Interlocked.Exchange(ref _failDeliveries, count);

    public void FailNextDomainWrite() => Interlocked.Exchange(ref _failDomainWrites, 1);

    public void LoseNextAck() => Interlocked.Exchange(ref _loseAcks, 1);

    public void ExpectDurable() => NextDurable = New();

    public ValueTask AfterInstanceSavedAsync(string instanceId) =>
        Take(ref _crashAfterSave) ? throw new InjectedFault("simulated crash after save") : ValueTask.CompletedTask;

    public ValueTask BeforeDeliverAsync(string instanceId, string domain, SharedDispatch dispatch) =>
        Take(ref _failDeliveries) ? throw new InjectedFault("simulated unreachable domain") : ValueTask.CompletedTask;

    public ValueTask BeforeDomainWriteAsync(string domainKey) =>
        Take(ref _failDomainWrites) ? throw new InjectedFault("simulated storage failure") : ValueTask.CompletedTask;

    public ValueTask AfterDomainDurableAsync(string domainKey, SharedDispatch dispatch)
    {
        Interlocked.Increment(ref DurableDispatches);
        NextDurable.TrySetResult();
        return Take(ref _loseAcks) ? throw new InjectedFault("simulated lost acknowledgement") : ValueTask.CompletedTask;
    }

    public string DomainKeyFor(string workspaceId, string domain) =>
        DomainKeyOverride?.Invoke(workspaceId, domain) ?? DomainKeys.Of(workspaceId, domain);

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
