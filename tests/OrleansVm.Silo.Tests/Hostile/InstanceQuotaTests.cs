using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>Issue 12 item 3: one workspace's token cannot create instances without bound.</summary>
public sealed class InstanceQuotaTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(["--max-instances-per-workspace", "2"]);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Creating_past_the_quota_is_409_quota_exceeded_and_creates_nothing()
    {
        var scenario = new Scenario(_silo);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync("quota");
        var (otherWs, otherClient, _) = await scenario.WorkspaceWithClientAsync("quota");
        await scenario.GrantAsync(ws, "calculator");
        var first = await scenario.CreateInstanceAsync(client, ws, "calculator");
        await scenario.CreateInstanceAsync(client, ws, "calculator");

        var refused = (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "calculator" }))
            .Expect(HttpStatusCode.Conflict, "QUOTA_EXCEEDED");

        Assert.Equal("instances", refused.Json!["error"]!["details"]!["quota"]!.GetValue<string>());
        Assert.Equal(2, refused.Json!["error"]!["details"]!["limit"]!.GetValue<int>());
        Assert.Equal(2, (await client.GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.OK).Array.Count);
        // Another workspace has its own quota.
        await scenario.CreateInstanceAsync(otherClient, otherWs, "calculator");
        // Removing one frees its slot.
        (await client.DeleteAsync($"api/v1/workspaces/{ws}/instances/{first}")).Expect(HttpStatusCode.NoContent);
        await scenario.CreateInstanceAsync(client, ws, "calculator");
    }
}
