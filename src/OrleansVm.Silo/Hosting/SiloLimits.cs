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

    /// <summary>A <c>: keep-alive</c> comment is sent on an idle stream this often.</summary>
    public int StreamKeepAliveSeconds { get; set; } = 15;

    /// <summary>How long a graceful stop waits for requests and deactivations.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}
