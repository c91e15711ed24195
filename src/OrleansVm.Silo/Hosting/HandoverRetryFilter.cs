namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Retries a grain call that a leaving silo refused. During a graceful stop Orleans rejects calls
/// that reach the stopping silo ("Silo stopping") or are addressed to a silo it already knows is
/// shutting down, and it does not retry them: the caller (an HTTP request on another silo) would
/// see an error although the grain is simply moving. Both refusals happen before the grain runs,
/// so sending again is safe; the next attempt is placed on a live silo. Other failures (a crash,
/// a timeout, the grain's own exceptions) pass through: their call may have run.
/// </summary>
public sealed class HandoverRetryFilter(ILogger<HandoverRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private const int Attempts = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception ex) when (attempt < Attempts && IsRefusedByLeavingSilo(ex))
            {
                logger.HandoverRetry(context.InterfaceName, context.MethodName, attempt);
                await Task.Delay(Pause * attempt);
            }
        }
    }

    /// <summary>
    /// Orleans gives these refusals no type of their own: its messages name them. "Silo '…' is shutting
    /// down." is raised while addressing the call (placement or directory) to a silo known to be leaving,
    /// so nothing was sent. Not "The local Orleans host is shutting down…": that is the caller's own
    /// silo abandoning a call it had sent, which may have run.
    /// </summary>
    public static bool IsRefusedByLeavingSilo(Exception ex) => ex switch
    {
        SiloUnavailableException unavailable => unavailable.Message.StartsWith("Silo '", StringComparison.Ordinal)
            && unavailable.Message.Contains("' is shutting down", StringComparison.Ordinal),
        OrleansMessageRejectionException rejected => rejected.Message.Contains("Silo stopping", StringComparison.Ordinal),
        _ => false,
    };

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IOutgoingGrainCallFilter, HandoverRetryFilter>();
}
