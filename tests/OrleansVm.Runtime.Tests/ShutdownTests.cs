using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Graceful_stop_finishes_in_flight_turns_refuses_new_calls_and_deactivates_all()
    {
        var probe = new TestProbe();
        var builder = new SiloBuilder().ConfigureServices(s => s.AddSingleton(probe));
        Clusters.AddTestGrains(builder);
        await using var silo = builder.Build();
        await silo.StartAsync();
        var busy = silo.GrainFactory.GetGrain<ILifecycleGrain>("busy");
        var idle = Enumerable.Range(0, 10).Select(i => silo.GrainFactory.GetGrain<ILifecycleGrain>($"idle-{i}")).ToArray();
        await Task.WhenAll(idle.Select(g => g.ActivationId()));
        var inFlight = busy.Block("shutdown-gate");
        await probe.WaitFor("shutdown-gate:entered");

        var stopping = silo.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.GrainFactory.GetGrain<IEchoGrain>("late").Echo("x"));
        Assert.False(inFlight.IsCompleted);
        Assert.False(stopping.IsCompleted);
        Assert.Equal(0, probe.Count("deactivate:busy"));

        probe.Set("shutdown-gate");
        await inFlight.Within(); // completed normally, not cancelled
        await stopping.Within();

        Assert.Equal(1, probe.Count("deactivate:busy"));
        Assert.All(idle, g => Assert.Equal(1, probe.Count("deactivate:" + g.GetPrimaryKeyString())));
        Assert.Equal(0, silo.ActivationCount);
        Assert.Contains("deactivate:busy:ShuttingDown", probe.Events);
    }
}
