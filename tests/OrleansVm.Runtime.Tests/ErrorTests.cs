using System.Diagnostics;
using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task Exception_reaches_caller_with_type_and_message_and_activation_survives()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<IEchoGrain>("fails");
        var before = await grain.ActivationId();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Fail("bad input"));

        Assert.Contains("bad input", error.Message);
        Assert.Equal(before, await grain.ActivationId());
    }

    [Fact]
    public async Task Slow_call_fails_with_response_timeout()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.Configure(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300)));
        var grain = cluster.Client.GetGrain<ITurnGrain>("slow");

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Block("never-set"));
        watch.Stop();

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Contains(nameof(ITurnGrain.Block), error.Message);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"timed out after {watch.Elapsed}");
        probe.Set("never-set"); // let the turn end before the cluster stops
    }

    [Fact]
    public async Task Failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<IFailingActivationGrain>("x");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Hello());

        Assert.Equal("first activation fails", error.Message);
        Assert.Equal("hello", await grain.Hello());
        Assert.Equal(2, probe.Count("failing-activation"));
    }
}
