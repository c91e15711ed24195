using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Grains;
using OrleansVm.Silo.Bench;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

public sealed class BenchEndpointTests
{
    [Fact]
    public async Task The_echo_returns_the_body_when_enabled()
    {
        await using var silo = await TestSilo.StartAsync(["--enable-bench-endpoints"]);
        using var anonymous = silo.Client(token: null);
        const string body = """{"handler":"increment","args":{"n":[1,2,3]}}""";

        var response = (await anonymous.SendAsync(HttpMethod.Post, "api/v1/_bench/echo", body)).Expect(HttpStatusCode.OK);

        Assert.Equal(body, response.Text);
        Assert.Equal("application/json", response.MediaType);
    }

    [Fact]
    public async Task The_floor_probes_answer_the_body_after_one_grain_call_and_a_durable_write()
    {
        using var data = new TempDirectory("orleansvm-bench-probe");
        string[] args = ["--enable-bench-endpoints", "--storage", "sqlite"];
        const string body = """{"handler":"increment"}""";
        await using (var silo = await TestSilo.StartAsync(args, data.Path))
        {
            using var anonymous = silo.Client(token: null);
            var before = (await anonymous.GetAsync("api/v1/_bench/runtime")).Expect(HttpStatusCode.OK).Object;

            Assert.Equal(body, (await anonymous.SendAsync(HttpMethod.Post, "api/v1/_bench/grain-echo/p1", body)).Expect(HttpStatusCode.OK).Text);
            Assert.Equal(body, (await anonymous.SendAsync(HttpMethod.Post, "api/v1/_bench/grain-write/p1", body)).Expect(HttpStatusCode.OK).Text);
            Assert.Equal(body, (await anonymous.SendAsync(HttpMethod.Post, "api/v1/_bench/grain-write/p1", body)).Expect(HttpStatusCode.OK).Text);

            var after = (await anonymous.GetAsync("api/v1/_bench/runtime")).Expect(HttpStatusCode.OK).Object;
            long Calls(JsonObject report, string method) => report["grainCalls"]![method]?.GetValue<long>() ?? 0;
            Assert.Equal(1, Calls(after, "IBenchProbeGrain.PingAsync") - Calls(before, "IBenchProbeGrain.PingAsync"));
            Assert.Equal(2, Calls(after, "IBenchProbeGrain.WriteAsync") - Calls(before, "IBenchProbeGrain.WriteAsync"));
        }

        // The two writes were durable: a new silo on the same file counts on from them.
        await using (var restarted = await TestSilo.StartAsync(args, data.Path))
        {
            var grains = restarted.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal(3, await grains.Ref<IBenchProbeGrain>("p1").WriteAsync());
        }
    }

    [Fact]
    public async Task The_runtime_report_counts_the_grain_calls_of_an_event_and_the_bytes_allocated()
    {
        await using var silo = await TestSilo.StartAsync(["--enable-bench-endpoints"]);
        var scenario = new Scenario(silo);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        var instanceId = await scenario.CreateInstanceAsync(client, ws, "counter");
        using var anonymous = silo.Client(token: null);
        var before = (await anonymous.GetAsync("api/v1/_bench/runtime")).Expect(HttpStatusCode.OK).Object;

        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instanceId}/widgets/counter/events", new JsonObject { ["handler"] = "increment" }))
            .Expect(HttpStatusCode.OK);
        var after = (await anonymous.GetAsync("api/v1/_bench/runtime")).Expect(HttpStatusCode.OK).Object;

        long Calls(JsonObject report, string method) => report["grainCalls"]![method]?.GetValue<long>() ?? 0;
        Assert.Equal(1, Calls(after, "IPluginInstanceGrain.HandleEventAsync") - Calls(before, "IPluginInstanceGrain.HandleEventAsync"));
        Assert.Equal(1, Calls(after, "ISharedDomainGrain.ApplyAsync") - Calls(before, "ISharedDomainGrain.ApplyAsync"));
        Assert.True(after["allocatedBytes"]!.GetValue<long>() > before["allocatedBytes"]!.GetValue<long>());
        Assert.True(after["cpuMs"]!.GetValue<double>() >= before["cpuMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_runtime_report_is_not_mapped_by_default()
    {
        await using var silo = await TestSilo.StartAsync();
        using var anonymous = silo.Client(token: null);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("api/v1/_bench/runtime")).Status);
    }
}
