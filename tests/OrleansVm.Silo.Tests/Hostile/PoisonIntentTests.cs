using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>Issue 12 item 4: a shared intent whose reducer fails is failed, recorded, and blocks nothing after it.</summary>
public sealed class PoisonIntentTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_counter_total_overflowing_to_infinity_fails_that_intent_and_later_intents_apply()
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "poison-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", HostilePlugins.CounterWriter, new JsonObject
        {
            ["title"] = "Counter writer",
            ["capabilities"] = new JsonObject { ["readShared"] = new JsonArray("counter-summary"), ["writeShared"] = new JsonArray("counter-summary") },
        });
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        await scenario.GrantAsync(ws, packageId, read: ["counter-summary"], write: ["counter-summary"]);
        var first = await scenario.CreateInstanceAsync(client, ws, packageId);
        var second = await scenario.CreateInstanceAsync(client, ws, packageId);

        Assert.Equal("applied", await PutAsync(client, ws, first, 1e308));
        var poisoned = await SendAsync(client, ws, second, 1e308);
        Assert.Equal("failed", poisoned["outcome"]!.GetValue<string>());
        Assert.Contains("finite", poisoned["reason"]!.GetValue<string>());

        // The failed intent holds nothing up: the same instance's next intent is decided at once.
        Assert.Equal("applied", await PutAsync(client, ws, second, 5));
        var summary = (await scenario.Operator.GetAsync($"api/v1/workspaces/{ws}/domains/counter-summary")).Expect(HttpStatusCode.OK).Text;
        Assert.Contains("1E+308", summary, StringComparison.OrdinalIgnoreCase);
        var timeline = (await client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit=10")).Expect(HttpStatusCode.OK).Array;
        Assert.Contains(timeline, d => d!["outcome"]!.GetValue<string>() == "failed" && d["instanceId"]!.GetValue<string>() == second);
    }

    [Theory]
    [InlineData("""{"handler":"put","args":{"value":1e400}}""")]
    [InlineData("""{"handler":"put","args":{"value":-1e400}}""")]
    [InlineData("""{"handler":"put","args":[1e999]}""")]
    public async Task Numbers_json_cannot_carry_are_refused_at_the_http_boundary(string body)
    {
        var response = await fixture.Silo.Client().SendAsync(HttpMethod.Post,
            "api/v1/workspaces/demo/instances/counter@AAAAAAAA/widgets/main/events", body);

        response.Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.Contains("out of range", response.Text);
    }

    private static async Task<string> PutAsync(ApiClient client, string ws, string instance, double value) =>
        (await SendAsync(client, ws, instance, value))["outcome"]!.GetValue<string>();

    private static async Task<JsonNode> SendAsync(ApiClient client, string ws, string instance, double value) =>
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instance}/widgets/main/events",
            new JsonObject { ["handler"] = "put", ["args"] = new JsonObject { ["value"] = value } })).Expect(HttpStatusCode.OK).Object["dispatches"]![0]!;
}
