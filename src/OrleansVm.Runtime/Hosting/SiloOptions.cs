namespace OrleansVm.Runtime;

public sealed class SiloOptions
{
    /// <summary>This silo's id (unique in the cluster).</summary>
    public string SiloId { get; set; } = "silo-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long a caller waits for a grain call before <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default idle time after which an activation is collected (per class: [CollectionAgeLimit] or AddGrain options).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the idle collector scans the activations.</summary>
    public TimeSpan CollectionScanPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The cancellation given to OnDeactivateAsync fires after this long.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
