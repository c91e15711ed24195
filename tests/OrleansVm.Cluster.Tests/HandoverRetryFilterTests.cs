using System.Reflection;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Cluster.Tests;

/// <summary>
/// Which failures the handover filter sends again: only refusals raised before the grain ran (Orleans'
/// own messages, 10.4.2). Anything that may have run must reach the caller, or an event could apply twice.
/// </summary>
public sealed class HandoverRetryFilterTests
{
    [Fact]
    public void A_call_addressed_to_a_leaving_silo_or_refused_by_it_is_retried()
    {
        Assert.True(HandoverRetryFilter.IsRefusedByLeavingSilo(new SiloUnavailableException("Silo 'S127.0.0.1:11111:123' is shutting down.")));
        Assert.True(HandoverRetryFilter.IsRefusedByLeavingSilo(Rejection("Silo stopping")));
    }

    /// <summary>Orleans creates its rejections itself: the constructor is not public.</summary>
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            BindingFlags.Instance | BindingFlags.NonPublic, binder: null, args: [message], culture: null)!;

    [Theory]
    [InlineData("The target silo became unavailable for message: Request S1->S2 #7. See https://aka.ms/orleans-troubleshooting for troubleshooting help.")]
    [InlineData("The local Orleans host is shutting down and can no longer process the request: Request S1->S2 #7.")]
    public void A_call_that_may_have_run_is_not_retried(string message) =>
        Assert.False(HandoverRetryFilter.IsRefusedByLeavingSilo(new SiloUnavailableException(message)));

    [Fact]
    public void Timeouts_and_the_grains_own_errors_are_not_retried()
    {
        Assert.False(HandoverRetryFilter.IsRefusedByLeavingSilo(new TimeoutException("Response did not arrive on time in 00:00:05")));
        Assert.False(HandoverRetryFilter.IsRefusedByLeavingSilo(new InvalidOperationException("Silo stopping")));
    }
}
