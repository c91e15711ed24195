using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansVm.Runtime;
using OrleansVm.TestingHost;

namespace OrleansVm.Runtime.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Silo_runs_inside_a_generic_host()
    {
        var probe = new TestProbe();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(probe);
        builder.Services.AddOrleansVmSilo(silo =>
        {
            Clusters.AddTestGrains(silo);
            silo.AddMemoryGrainStorage();
            silo.Configure(o => o.SiloId = "hosted");
        });
        using var host = builder.Build();

        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal("hosted!", await factory.GetGrain<IEchoGrain>("h").Echo("hosted!"));
        Assert.Equal(1, await factory.GetGrain<ICounterGrain>("h").Increment());
        await factory.GetGrain<ILifecycleGrain>("h").ActivationId();
        Assert.Equal("hosted", host.Services.GetRequiredService<Silo>().Address.SiloId);
        await host.StopAsync();

        Assert.Equal(1, probe.Count("deactivate:h"));
    }

    [Fact]
    public void Test_cluster_supports_one_silo_for_now()
    {
        var error = Assert.Throws<NotSupportedException>(() => new TestClusterBuilder(2));

        Assert.Contains("later issue", error.Message);
    }
}
