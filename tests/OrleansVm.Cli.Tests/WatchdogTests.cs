using Microsoft.Extensions.Time.Testing;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli.Tests;

/// <summary>The CLI's fallback should the sandbox ever fail to stop a call.</summary>
public class WatchdogTests
{
    [Fact]
    public async Task Answers_a_timeout_when_the_work_outlives_its_budget()
    {
        using var release = new ManualResetEventSlim();
        var clock = new FakeTimeProvider();

        var run = Watchdog.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10), CancellationToken.None, clock);
        Assert.False(run.IsCompleted); // the budget has not passed on the watchdog's clock
        clock.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<SandboxException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        release.Set();

        Assert.Equal(SandboxErrorCodes.RuntimeTimeout, error.Code);
        Assert.Equal("watchdog", (string?)error.Details!["limit"]);
    }

    [Fact]
    public async Task Returns_the_result_and_rethrows_the_errors_of_work_that_finishes()
    {
        var value = await Watchdog.RunAsync(() => 42, TimeSpan.FromSeconds(5), CancellationToken.None);
        var error = await Assert.ThrowsAsync<SandboxException>(() => Watchdog.RunAsync<int>(
            () => throw new SandboxException(SandboxErrorCodes.WidgetNotFound, "no"), TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(42, value);
        Assert.Equal(SandboxErrorCodes.WidgetNotFound, error.Code);
    }
}
