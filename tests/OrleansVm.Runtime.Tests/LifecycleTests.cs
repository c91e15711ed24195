using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Grain_activates_on_first_call_once()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ILifecycleGrain>("first");

        Assert.Equal(0, probe.Count("activate:first"));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.WasActivatedBeforeFirstCall()));

        Assert.All(results, Assert.True);
        Assert.Equal(1, probe.Count("activate:first"));
        Assert.Equal(1, cluster.Primary.ActivationCount);
    }

    [Fact]
    public async Task Idle_grain_is_collected_and_its_state_reloads_on_next_call()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b
            .Configure(o => o.CollectionScanPeriod = TimeSpan.FromMilliseconds(50))
            .ConfigureSilo(s => s
                .AddGrain<ILifecycleGrain, LifecycleGrain>(t => t.CollectionAge = TimeSpan.FromMilliseconds(200))
                .AddGrain<ICounterGrain, CounterGrain>(t => t.CollectionAge = TimeSpan.FromMilliseconds(200))));
        var grain = cluster.Client.GetGrain<ILifecycleGrain>("idle");
        var counter = cluster.Client.GetGrain<ICounterGrain>("idle-counter");
        var firstActivation = await grain.ActivationId();
        var firstCounterActivation = await counter.ActivationId();
        Assert.Equal(1, await counter.Increment());
        Assert.Equal(2, await counter.Increment());

        // The periodic collector (not a manual scan) deactivates both.
        await probe.WaitFor($"deactivated:idle:{firstActivation}");
        await TaskTestExtensions.Eventually(() => !cluster.Primary.HasActivation(counter.GetGrainId()));

        Assert.Contains("deactivate:idle:ActivationIdle", probe.Events);
        Assert.NotEqual(firstActivation, await grain.ActivationId());
        Assert.NotEqual(firstCounterActivation, await counter.ActivationId());
        Assert.Equal(2, await counter.Get());
        Assert.Equal(3, await counter.Increment());
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_turn()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ILifecycleGrain>("doi");
        var first = await grain.ActivationId();

        await grain.DeactivateWhenIdle();
        var next = await grain.ActivationId(); // queued behind the deactivation, then sent to a new activation

        await probe.WaitFor($"deactivated:doi:{first}");
        Assert.NotEqual(first, next);
        Assert.Contains("deactivate:doi:ApplicationRequested", probe.Events);
        Assert.Equal(2, probe.Count("activate:doi"));
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_grain_until_cancelled()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s =>
            s.AddGrain<ILifecycleGrain, LifecycleGrain>(t => t.CollectionAge = TimeSpan.FromMilliseconds(1))));
        var kept = cluster.Client.GetGrain<ILifecycleGrain>("kept");
        var control = cluster.Client.GetGrain<ILifecycleGrain>("control");
        var keptActivation = await kept.ActivationId();
        var controlActivation = await control.ActivationId();
        await kept.KeepAlive(TimeSpan.FromHours(1));

        // Scan until the control grain (same age, no keep-alive) is collected: the age has then passed for both.
        var controlGone = probe.Signal($"deactivated:control:{controlActivation}").Task;
        await TaskTestExtensions.Eventually(() => controlGone.IsCompleted, cluster.Primary.CollectIdleActivations);

        cluster.Primary.CollectIdleActivations();
        Assert.True(cluster.Primary.HasActivation(kept.GetGrainId()));
        Assert.Equal(0, probe.Count("deactivate:kept"));

        await kept.KeepAlive(TimeSpan.FromMilliseconds(-1)); // cancel the keep-alive
        var keptGone = probe.Signal($"deactivated:kept:{keptActivation}").Task;
        await TaskTestExtensions.Eventually(() => keptGone.IsCompleted, cluster.Primary.CollectIdleActivations);

        Assert.Equal(1, probe.Count("deactivate:kept"));
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_stop_on_deactivation()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ITimerGrain>("ticking");

        await grain.StartTimer(TimeSpan.FromMilliseconds(5));
        var hammer = Task.Run(async () =>
        {
            while (!probe.Signal("five-ticks").Task.IsCompleted)
            {
                await grain.Work();
            }
        });
        await probe.WaitFor("five-ticks");
        await hammer.Within();

        await grain.Deactivate();
        await probe.WaitFor("timer-grain-deactivated");
        var ticksAtDeactivation = probe.Count("ticks");
        await Task.Delay(100); // twenty periods: a live timer would have ticked

        Assert.Equal(0, probe.Count("overlap"));
        Assert.Equal(0, probe.Count("tick-outside-turn"));
        Assert.Equal(0, probe.Count("tick-after-deactivation"));
        Assert.Equal(ticksAtDeactivation, probe.Count("ticks"));
        Assert.False(cluster.Primary.HasActivation(grain.GetGrainId()));
    }
}
