using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>Settings of the plugin grains, given to <see cref="GrainsSiloBuilderExtensions.AddOrleansVmGrains"/>.</summary>
public sealed class OrleansVmGrainsOptions
{
    /// <summary>The sandbox limits of every plugin and custom domain (the spec's defaults unless lowered).</summary>
    public SandboxLimits Limits { get; set; } = SandboxLimits.Default;

    /// <summary>How many parsed package versions a silo keeps (they are shared by all instances of a version).</summary>
    public int ProgramCacheCapacity { get; set; } = 256;

    /// <summary>How often an instance retries the shared intents left in its outbox.</summary>
    public TimeSpan OutboxRetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance waits for a domain to acknowledge a dispatch before leaving it `pending`.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a workspace's activity (metrics, timeline) is saved when it changed.</summary>
    public TimeSpan ActivityFlushPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many sandbox executions (load, render, event) may run at once on the silo (<see cref="SandboxGate"/>);
    /// 0 or less = <see cref="Environment.ProcessorCount"/>. Calls beyond it wait before their wall-clock budget starts.
    /// </summary>
    public int MaxConcurrentSandboxCalls { get; set; } = Environment.ProcessorCount;
}
