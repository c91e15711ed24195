using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

public sealed class RunawayPluginTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_runaway_render_and_event_are_422_and_the_silo_keeps_serving()
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "runaway-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", Plugins.RunawayRender);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        var runaway = await scenario.CreateInstanceAsync(client, ws, packageId);
        await scenario.GrantAsync(ws, "calculator");
        var calculator = await scenario.CreateInstanceAsync(client, ws, "calculator");

        var clock = Stopwatch.StartNew();
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{runaway}/widgets/main")).Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT");
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{runaway}/widgets/main/events", new JsonObject { ["handler"] = "spin" }))
            .Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");

        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{calculator}/widgets/display")).Expect(HttpStatusCode.OK);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{runaway}")).Expect(HttpStatusCode.OK);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{runaway}/widgets/main")).Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT");
        (await fixture.Silo.Client(null).GetAsync("api/v1/health")).Expect(HttpStatusCode.OK);
    }
}
