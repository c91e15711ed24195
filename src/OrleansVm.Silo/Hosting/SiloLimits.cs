namespace OrleansVm.Silo.Hosting;

/// <summary>Time limits of the silo (section <c>OrleansVm:Limits</c>). Sandbox limits default to plugin-contract.md's.</summary>
public sealed class SiloLimits
{
    /// <summary>How long an API call waits for a grain before answering 503 UNAVAILABLE.</summary>
    public int GrainCallTimeoutMs { get; set; } = 30_000;

    public int LoadTimeoutMs { get; set; } = 1_000;

    public int RenderTimeoutMs { get; set; } = 100;

    public int EventTimeoutMs { get; set; } = 100;

    /// <summary>Instances one workspace may hold (409 QUOTA_EXCEEDED beyond).</summary>
    public int MaxInstancesPerWorkspace { get; set; } = 1000;

    /// <summary>What one plugin sandbox may keep between calls, in MiB (past it the engine is rebuilt; a proven hoard is 422 LIMIT_EXCEEDED keptMemory).</summary>
    public int MaxKeptMbPerSandbox { get; set; } = 16;

    /// <summary>What all sandboxes of the silo may keep, in MiB, while the managed heap is over it too (then LRU sandboxes are dropped); 0 = a quarter of the memory the GC may use.</summary>
    public int SandboxMemoryBudgetMb { get; set; }

    /// <summary>What one workspace's sandboxes on the silo may keep, in MiB (its own LRU sandboxes are dropped beyond); 0 = a quarter of the budget.</summary>
    public int SandboxMemoryPerWorkspaceMb { get; set; }

    /// <summary>Requests per second one client token (or, without one, one address) may make on average; 0 = no limit. Operator tokens are not limited.</summary>
    public double RateLimitPerSecond { get; set; } = 200;

    /// <summary>How many requests a client token may make at once above its average (the token bucket's size).</summary>
    public int RateLimitBurst { get; set; } = 400;

    /// <summary>A <c>: keep-alive</c> comment is sent on an idle stream this often.</summary>
    public int StreamKeepAliveSeconds { get; set; } = 15;

    /// <summary>How long a graceful stop waits for requests and deactivations.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}
