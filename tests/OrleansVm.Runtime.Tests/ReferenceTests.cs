using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public async Task References_are_equal_by_grain_id()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);

        var a1 = cluster.Client.GetGrain<IEchoGrain>("a");
        var a2 = cluster.Client.GetGrain<IEchoGrain>("a");
        var b = cluster.Client.GetGrain<IEchoGrain>("b");

        Assert.Equal(a1, a2);
        Assert.Equal(a1.GetHashCode(), a2.GetHashCode());
        Assert.NotEqual(a1, b);
        Assert.Equal("a", a1.GetPrimaryKeyString());
        Assert.Equal(new GrainId(new GrainType("echo"), "a"), a1.GetGrainId());
        Assert.Equal(0, cluster.Primary.ActivationCount); // a reference activates nothing
    }

    [Fact]
    public async Task Task_ValueTask_and_void_methods_all_work()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var echo = cluster.Client.GetGrain<IEchoGrain>("shapes");

        Assert.Equal("hi", await echo.Echo("hi"));
        Assert.Equal(42, await echo.Add(40, 2));
        await echo.Ping();
        await echo.PingValue();

        Assert.Equal(1, probe.Count("ping"));
        Assert.Equal(1, probe.Count("ping-value"));
        Assert.Equal("shapes", await echo.Key());
        Assert.Equal("echo/shapes", await echo.CurrentGrain());
    }

    [Fact]
    public async Task Unregistered_interface_fails_clearly()
    {
        await using var bare = new SiloBuilder().Build();
        await bare.StartAsync();

        var error = Assert.Throws<GrainConfigurationException>(() => bare.GrainFactory.GetGrain<IEchoGrain>("x"));
        Assert.Contains(nameof(IEchoGrain), error.Message);
    }

    [Fact]
    public void Generated_methods_carry_stable_ids_and_types()
    {
        var descriptor = GrainInterfaceRegistry.Get(typeof(IEchoGrain));
        var add = Assert.Single(descriptor.Methods, m => m.Name == nameof(IEchoGrain.Add));

        Assert.Equal("OrleansVm.Runtime.Tests.IEchoGrain.Add(int,int)", add.Id);
        Assert.Equal([typeof(int), typeof(int)], add.ParameterTypes);
        Assert.Equal(typeof(int), add.ResultType);
        Assert.True(GrainInterfaceRegistry.TryGetMethod(add.Id, out var byId));
        Assert.Same(add, byId);

        var ping = Assert.Single(descriptor.Methods, m => m.Name == nameof(IEchoGrain.Ping));
        Assert.Equal(typeof(VoidResult), ping.ResultType);

        var interleaved = Assert.Single(GrainInterfaceRegistry.Get(typeof(ITurnGrain)).Methods, m => m.Name == nameof(ITurnGrain.Interleaved));
        Assert.True(interleaved.AlwaysInterleave);
        var readOnly = Assert.Single(GrainInterfaceRegistry.Get(typeof(ITurnGrain)).Methods, m => m.Name == nameof(ITurnGrain.ReadOnlyRendezvous));
        Assert.True(readOnly.ReadOnly);
    }
}
