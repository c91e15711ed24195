using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

/// <summary>Set-up steps shared by API tests: a fresh workspace with a client token, grants, instances.</summary>
public sealed class Scenario(TestSilo silo)
{
    public ApiClient Operator { get; } = silo.Client();

    public static string NewWorkspaceId(string prefix = "ws") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    public async Task<(string WorkspaceId, ApiClient Client, string TokenId)> WorkspaceWithClientAsync(string prefix = "ws")
    {
        var workspaceId = NewWorkspaceId(prefix);
        (await Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = workspaceId })).Expect(HttpStatusCode.Created);
        var token = (await Operator.PostAsync($"api/v1/workspaces/{workspaceId}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object;
        return (workspaceId, silo.Client(token["token"]!.GetValue<string>()), token["tokenId"]!.GetValue<string>());
    }

    public async Task GrantAsync(string workspaceId, string packageId, string[]? read = null, string[]? write = null, string[]? modules = null) =>
        (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/{packageId}", new JsonObject
        {
            ["readShared"] = new JsonArray([.. (read ?? []).Select(v => (JsonNode)v)]),
            ["writeShared"] = new JsonArray([.. (write ?? []).Select(v => (JsonNode)v)]),
            ["modules"] = new JsonArray([.. (modules ?? []).Select(v => (JsonNode)v)]),
        })).Expect(HttpStatusCode.OK);

    public async Task<string> CreateInstanceAsync(ApiClient client, string workspaceId, string packageId)
    {
        var created = (await client.PostAsync($"api/v1/workspaces/{workspaceId}/instances", new JsonObject { ["packageId"] = packageId }))
            .Expect(HttpStatusCode.Created).Object;
        return created["instanceId"]!.GetValue<string>();
    }

    public async Task PublishAsync(string packageId, string version, string code, JsonObject? manifest = null) =>
        (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/{version}", new JsonObject
        {
            ["code"] = code,
            ["manifest"] = manifest ?? new JsonObject { ["title"] = packageId },
        })).Expect(HttpStatusCode.Created);
}
