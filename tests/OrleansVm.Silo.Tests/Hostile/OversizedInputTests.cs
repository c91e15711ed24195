using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>Issue 12 item 1: what a plugin sends is bounded where it enters, never copied unboundedly onwards.</summary>
public sealed class OversizedInputTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Sixty_four_intents_naming_a_million_character_domain_are_refused_cheaply_and_copied_nowhere()
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "long-domain-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", HostilePlugins.LongDomain);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        var instance = await scenario.CreateInstanceAsync(client, ws, packageId);

        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instance}/widgets/main/events",
            new JsonObject { ["handler"] = "flood", ["args"] = new JsonObject { ["n"] = 64, ["length"] = 1_000_000 } });

        response.Expect((HttpStatusCode)422, "INTENT_INVALID");
        Assert.True(response.Text.Length < 2_000, $"the error is {response.Text.Length} characters");
        var timeline = (await client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit=200")).Expect(HttpStatusCode.OK);
        Assert.True(timeline.Text.Length < 2_000, $"the timeline is {timeline.Text.Length} characters");
        // Generous: the point is "not seconds per intent" on a shared 2-core box, not a latency figure.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_domain_of_exactly_the_limit_is_accepted_and_denied_by_grant()
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "limit-domain-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", HostilePlugins.LongDomain);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        var instance = await scenario.CreateInstanceAsync(client, ws, packageId);

        var response = (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instance}/widgets/main/events",
            new JsonObject { ["handler"] = "flood", ["args"] = new JsonObject { ["n"] = 1, ["length"] = 64 } })).Expect(HttpStatusCode.OK);

        var dispatch = response.Object["dispatches"]![0]!;
        Assert.Equal("denied", dispatch["outcome"]!.GetValue<string>());
        Assert.Equal(64, dispatch["domain"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(4_000_000)]
    public async Task A_domain_over_sixty_four_characters_is_intent_invalid(int length)
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "over-domain-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", HostilePlugins.LongDomain);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync();
        var instance = await scenario.CreateInstanceAsync(client, ws, packageId);

        var response = (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instance}/widgets/main/events",
            new JsonObject { ["handler"] = "flood", ["args"] = new JsonObject { ["n"] = 1, ["length"] = length } })).Expect((HttpStatusCode)422, "INTENT_INVALID");

        Assert.Contains("at most 64 characters", response.Text);
    }
}
