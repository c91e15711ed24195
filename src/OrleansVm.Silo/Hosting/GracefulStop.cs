using Orleans.Configuration;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// How a stop (Ctrl+C, SIGTERM) unfolds: Kestrel stops accepting and drains running requests (open SSE
/// streams end on ApplicationStopping), then the silo deactivates every grain, which saves what is
/// pending, and leaves membership. One limit, <see cref="SiloLimits.ShutdownTimeoutSeconds"/>, bounds it all.
/// </summary>
public static class GracefulStop
{
    public static void Configure(ISiloBuilder silo, SiloLimits limits)
    {
        var limit = TimeSpan.FromSeconds(limits.ShutdownTimeoutSeconds);
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = limit);
        silo.Configure<GrainCollectionOptions>(o =>
        {
            // One grain whose deactivation hangs (a stuck storage write) must not use up the whole stop:
            // the others deactivate in parallel, so half the limit leaves room for leaving membership.
            o.DeactivationTimeout = limit / 2;
        });
    }
}
