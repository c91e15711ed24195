using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class FilterTests
{
    [Fact]
    public async Task Filters_see_caller_target_method_and_arguments()
    {
        var probe = new TestProbe();
        var filters = new RecordingFilters();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s => s
            .AddIncomingGrainCallFilter(filters)
            .AddOutgoingGrainCallFilter(filters)));
        var relay = cluster.Client.GetGrain<IRelayGrain>("relay");

        Assert.Equal("hi", await relay.Relay("echo-1", "hi"));

        var relayId = relay.GetGrainId();
        var echoId = new GrainId(new GrainType("echo"), "echo-1");
        var seen = filters.Seen.ToArray();
        Assert.Equal(4, seen.Length);
        Assert.Equal(new[] { "out", "in", "out", "in" }, seen.Select(s => s.Direction));
        Assert.All(seen.Take(2), s => Assert.Null(s.Source)); // the client call
        Assert.All(seen.Take(2), s => Assert.Equal(relayId, s.Target));
        Assert.All(seen.Skip(2), s => Assert.Equal(relayId, s.Source)); // the grain → grain call
        Assert.All(seen.Skip(2), s => Assert.Equal(echoId, s.Target));
        Assert.Equal(typeof(IEchoGrain), seen[3].Interface);
        Assert.Equal(nameof(IEchoGrain.Echo), seen[3].Method);
        Assert.Equal("OrleansVm.Runtime.Tests.IEchoGrain.Echo(string)", seen[3].MethodId);
        Assert.Equal(new object?[] { "hi" }, seen[3].Arguments);
    }

    [Fact]
    public async Task Caller_id_comes_from_the_running_turn_not_from_the_reference()
    {
        var probe = new TestProbe();
        var filters = new RecordingFilters();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s => s.AddIncomingGrainCallFilter(filters)));
        var relay = cluster.Client.GetGrain<IRelayGrain>("relay-2");

        // The grain uses a reference made by the external client factory: the runtime still knows who calls.
        await relay.RelayThroughClientReference("echo-2", "x");

        var echoCall = Assert.Single(filters.Seen, s => s.Method == nameof(IEchoGrain.Echo));
        Assert.Equal(relay.GetGrainId(), echoCall.Source);
    }

    [Fact]
    public async Task Grain_method_sees_its_calling_grain()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);

        Assert.Equal("relay/r", await cluster.Client.GetGrain<IRelayGrain>("r").CallerSeenBy("e"));
        Assert.Null(await cluster.Client.GetGrain<IEchoGrain>("e").Caller());
    }

    [Fact]
    public async Task Incoming_filter_can_refuse_a_call_or_change_its_result()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s => s.AddIncomingGrainCallFilter<GuardFilter>()));
        var echo = cluster.Client.GetGrain<IEchoGrain>("guarded");

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => echo.Echo("forbidden"));
        Assert.Equal("client may not say that", refused.Message);
        Assert.Equal("[fine]", await echo.Echo("fine"));
        await echo.Ping(); // other methods pass through untouched
        Assert.Equal(1, probe.Count("ping"));
    }

    [Fact]
    public async Task Outgoing_filter_can_refuse_before_the_call_leaves()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s => s.AddOutgoingGrainCallFilter(new RefuseEchoToGrains())));
        var relay = cluster.Client.GetGrain<IRelayGrain>("relay-3");

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => relay.Relay("echo-3", "hi"));

        Assert.Contains("relay/relay-3", refused.Message);
        Assert.Equal("direct", await cluster.Client.GetGrain<IEchoGrain>("echo-3").Echo("direct"));
    }

    private sealed class RefuseEchoToGrains : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context) =>
            context.SourceId is { } source && context.InterfaceType == typeof(IEchoGrain)
                ? throw new UnauthorizedAccessException($"{source} may not call echo")
                : context.Invoke();
    }
}
