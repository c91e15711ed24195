namespace OrleansVm.Grains;

/// <summary>
/// Test hooks at the points where exactly-once delivery can break. Production uses
/// <see cref="NoFaultInjector"/>; tests register their own in DI to throw at a chosen point.
/// </summary>
public interface IGrainFaultInjector
{
    /// <summary>After an instance saved its state and outbox, before it delivers. Throwing simulates a crash there.</summary>
    ValueTask AfterInstanceSavedAsync(string instanceId);

    /// <summary>Before an instance sends one dispatch. Throwing simulates an unreachable domain or a timeout.</summary>
    ValueTask BeforeDeliverAsync(string instanceId, string domain, SharedDispatch dispatch);

    /// <summary>Before a domain writes a batch. Throwing simulates a storage failure.</summary>
    ValueTask BeforeDomainWriteAsync(string domainKey);

    /// <summary>After a domain's write is durable, before it answers. Throwing simulates a lost acknowledgement.</summary>
    ValueTask AfterDomainDurableAsync(string domainKey, SharedDispatch dispatch);

    /// <summary>The domain grain key an instance sends to; a test may return another workspace's key to try to cross tenants.</summary>
    string DomainKeyFor(string workspaceId, string domain);
}

/// <summary>The production injector: no faults.</summary>
public sealed class NoFaultInjector : IGrainFaultInjector
{
    public static NoFaultInjector Instance { get; } = new();

    public ValueTask AfterInstanceSavedAsync(string instanceId) => ValueTask.CompletedTask;

    public ValueTask BeforeDeliverAsync(string instanceId, string domain, SharedDispatch dispatch) => ValueTask.CompletedTask;

    public ValueTask BeforeDomainWriteAsync(string domainKey) => ValueTask.CompletedTask;

    public ValueTask AfterDomainDurableAsync(string domainKey, SharedDispatch dispatch) => ValueTask.CompletedTask;

    public string DomainKeyFor(string workspaceId, string domain) => DomainKeys.Of(workspaceId, domain);
}
