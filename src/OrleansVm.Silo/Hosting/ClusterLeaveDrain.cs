namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Gives a gracefully leaving silo a short window after its grains are deactivated and it is marked
/// shutting down, before it is declared dead and its messaging stops. When the silo is declared dead,
/// every caller fails the requests it still awaits from it with "the target silo became unavailable",
/// which cannot be retried (the call may have run). A request sent just before the caller learned of
/// the stop would meet that fate; within the window it is answered (or refused before the grain runs,
/// which <see cref="HandoverRetryFilter"/> retries), and the shutting-down status reaches every caller,
/// whose next calls go to live silos.
/// </summary>
public sealed class ClusterLeaveDrain : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Above the gossip of the status and the tuned membership refresh (2 s); added to every graceful stop.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    public void Participate(ISiloLifecycle lifecycle) =>
        // Stages stop in reverse: ApplicationServices stops after BecomeActive (grains deactivated, the silo
        // marked shutting down) and before the runtime stages (dead in membership, messages refused, messaging stopped).
        lifecycle.Subscribe(nameof(ClusterLeaveDrain), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, DrainAsync);

    private static async Task DrainAsync(CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested) return; // an ungraceful stop: no window
        try
        {
            await Task.Delay(Window, stopping);
        }
        catch (OperationCanceledException)
        {
            // The stop turned ungraceful (its time ran out) during the window: go on stopping.
        }
    }

    public static void AddTo(IServiceCollection services) => services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterLeaveDrain>();
}
