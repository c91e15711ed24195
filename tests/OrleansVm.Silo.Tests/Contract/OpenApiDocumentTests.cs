using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Contract;

/// <summary>
/// The served OpenAPI document (/openapi/v1.json) is the contract the SDKs are built from: it lists
/// every route of http-api.md, every answer a route gives is a documented status whose schema
/// validates the body actually sent, and the copy checked in for the TypeScript SDK is this document.
/// </summary>
public sealed class OpenApiDocumentTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    /// <summary>http-api.md's route table, written out ("·" and "..." expanded).</summary>
    private static readonly (string Method, string Path)[] SpecRoutes =
    [
        ("get", "/api/v1/health"),
        ("get", "/api/v1/modules"),
        ("put", "/api/v1/packages/{packageId}/versions/{version}"),
        ("get", "/api/v1/packages"),
        ("get", "/api/v1/packages/{packageId}"),
        ("get", "/api/v1/packages/{packageId}/versions/{version}"),
        ("post", "/api/v1/workspaces"),
        ("get", "/api/v1/workspaces"),
        ("post", "/api/v1/workspaces/{ws}/tokens"),
        ("delete", "/api/v1/workspaces/{ws}/tokens/{tokenId}"),
        ("put", "/api/v1/workspaces/{ws}/grants/{packageId}"),
        ("get", "/api/v1/workspaces/{ws}/grants"),
        ("put", "/api/v1/workspaces/{ws}/domains/{domain}"),
        ("get", "/api/v1/workspaces/{ws}/domains"),
        ("get", "/api/v1/workspaces/{ws}/domains/{domain}"),
        ("post", "/api/v1/workspaces/{ws}/instances"),
        ("get", "/api/v1/workspaces/{ws}/instances"),
        ("get", "/api/v1/workspaces/{ws}/instances/{instanceId}"),
        ("get", "/api/v1/workspaces/{ws}/instances/{instanceId}/widgets/{widgetId}"),
        ("post", "/api/v1/workspaces/{ws}/instances/{instanceId}/widgets/{widgetId}/events"),
        ("get", "/api/v1/workspaces/{ws}/instances/{instanceId}/logs"),
        ("delete", "/api/v1/workspaces/{ws}/instances/{instanceId}"),
        ("get", "/api/v1/workspaces/{ws}/timeline"),
        ("get", "/api/v1/workspaces/{ws}/stream"),
    ];

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_and_needs_no_token()
    {
        var document = await FetchDocumentAsync();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_route_of_the_spec_is_in_the_document_with_its_success_and_error_answers()
    {
        var document = await FetchDocumentAsync();
        var paths = document["paths"]!.AsObject();

        foreach (var (method, path) in SpecRoutes)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is not in the document");
            var responses = operation!["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.True(schema == "#/components/schemas/ApiErrorEnvelope", $"{method} {path} {status} is not the error envelope: {response.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task What_the_routes_send_validates_against_the_documented_schemas()
    {
        var document = await FetchDocumentAsync();
        var contract = new ContractRecorder(document);
        var scenario = new Scenario(fixture.Silo);
        var op = scenario.Operator;
        var packageId = $"contract-{Guid.NewGuid():N}"[..20];

        await contract.CheckAsync("get", "/api/v1/health", fixture.Silo.Client(token: null).GetAsync("api/v1/health"));
        await contract.CheckAsync("get", "/api/v1/modules", op.GetAsync("api/v1/modules"));
        await contract.CheckAsync("get", "/api/v1/modules", fixture.Silo.Client(token: null).GetAsync("api/v1/modules"), HttpStatusCode.Unauthorized);

        var publish = new JsonObject
        {
            ["code"] = Plugins.Echo,
            ["manifest"] = new JsonObject { ["title"] = "Echo", ["capabilities"] = new JsonObject { ["readShared"] = new JsonArray(), ["writeShared"] = new JsonArray() }, ["modules"] = new JsonArray() },
        };
        const string Publish = "/api/v1/packages/{packageId}/versions/{version}";
        await contract.CheckAsync("put", Publish, op.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", publish), HttpStatusCode.Created);
        await contract.CheckAsync("put", Publish, op.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", publish), HttpStatusCode.OK);
        await contract.CheckAsync("put", Publish, op.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", new JsonObject { ["code"] = Plugins.Echo.Replace("Echo", "Other") }), HttpStatusCode.Conflict);
        await contract.CheckAsync("put", Publish, op.PutAsync($"api/v1/packages/{packageId}/versions/2.0.0", new JsonObject { ["code"] = "definePlugin(" }), HttpStatusCode.UnprocessableEntity);
        await contract.CheckAsync("put", Publish, op.PutAsync($"api/v1/packages/{packageId}/versions/2.0.0", new JsonObject { ["code"] = 1 }), HttpStatusCode.BadRequest);
        await contract.CheckAsync("get", "/api/v1/packages", op.GetAsync("api/v1/packages"));
        await contract.CheckAsync("get", "/api/v1/packages/{packageId}", op.GetAsync($"api/v1/packages/{packageId}"));
        await contract.CheckAsync("get", "/api/v1/packages/{packageId}", op.GetAsync("api/v1/packages/no-such-package"), HttpStatusCode.NotFound);
        await contract.CheckAsync("get", Publish, op.GetAsync($"api/v1/packages/{packageId}/versions/1.0.0"));

        var (ws, client, tokenId) = await scenario.WorkspaceWithClientAsync("contract");
        await contract.CheckAsync("post", "/api/v1/workspaces", op.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws }), HttpStatusCode.Conflict);
        await contract.CheckAsync("get", "/api/v1/workspaces", op.GetAsync("api/v1/workspaces"));
        await contract.CheckAsync("get", "/api/v1/workspaces", client.GetAsync("api/v1/workspaces"), HttpStatusCode.Forbidden);
        await contract.CheckAsync("post", "/api/v1/workspaces/{ws}/tokens", op.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject()), HttpStatusCode.Created);
        await contract.CheckAsync("put", "/api/v1/workspaces/{ws}/grants/{packageId}",
            op.PutAsync($"api/v1/workspaces/{ws}/grants/{packageId}", new JsonObject { ["readShared"] = new JsonArray("counter") }));
        await contract.CheckAsync("get", "/api/v1/workspaces/{ws}/grants", op.GetAsync($"api/v1/workspaces/{ws}/grants"));
        await contract.CheckAsync("get", "/api/v1/workspaces/{ws}/domains", op.GetAsync($"api/v1/workspaces/{ws}/domains"));
        await contract.CheckAsync("put", "/api/v1/workspaces/{ws}/domains/{domain}",
            op.PutAsync($"api/v1/workspaces/{ws}/domains/notes", new JsonObject { ["code"] = "defineDomain({ initialState: {}, reducers: {} });" }), HttpStatusCode.Created);
        await contract.CheckAsync("get", "/api/v1/workspaces/{ws}/domains/{domain}", op.GetAsync($"api/v1/workspaces/{ws}/domains/no-such-domain"), HttpStatusCode.NotFound);

        const string Instances = "/api/v1/workspaces/{ws}/instances";
        var created = await contract.CheckAsync("post", Instances, client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = packageId }), HttpStatusCode.Created);
        var instanceId = created!["instanceId"]!.GetValue<string>();
        const string Instance = Instances + "/{instanceId}";
        var instancePath = $"api/v1/workspaces/{ws}/instances/{instanceId}";
        await contract.CheckAsync("get", Instances, client.GetAsync($"api/v1/workspaces/{ws}/instances"));
        await contract.CheckAsync("get", Instance, client.GetAsync(instancePath));
        await contract.CheckAsync("get", Instance + "/widgets/{widgetId}", client.GetAsync($"{instancePath}/widgets/main"));
        await contract.CheckAsync("get", Instance + "/widgets/{widgetId}", client.GetAsync($"{instancePath}/widgets/nope"), HttpStatusCode.NotFound);
        await contract.CheckAsync("post", Instance + "/widgets/{widgetId}/events",
            client.PostAsync($"{instancePath}/widgets/main/events", new JsonObject { ["handler"] = "say", ["args"] = new JsonObject { ["text"] = "hi" } }));
        await contract.CheckAsync("post", Instance + "/widgets/{widgetId}/events",
            client.PostAsync($"{instancePath}/widgets/main/events", new JsonObject { ["handler"] = "nope" }), HttpStatusCode.NotFound);
        await contract.CheckAsync("get", Instance + "/logs", client.GetAsync($"{instancePath}/logs"));
        await contract.CheckAsync("get", "/api/v1/workspaces/{ws}/timeline", client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit=5"));
        await contract.CheckAsync("get", "/api/v1/workspaces/{ws}/timeline", client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit=0"), HttpStatusCode.BadRequest);
        await contract.CheckAsync("get", Instance, client.GetAsync($"api/v1/workspaces/{ws}-other/instances/{instanceId}"), HttpStatusCode.NotFound);
        await contract.CheckAsync("delete", Instance, client.DeleteAsync(instancePath), HttpStatusCode.NoContent);
        await contract.CheckAsync("get", Instance, client.GetAsync(instancePath), HttpStatusCode.NotFound);
        await contract.CheckAsync("delete", "/api/v1/workspaces/{ws}/tokens/{tokenId}", op.DeleteAsync($"api/v1/workspaces/{ws}/tokens/{tokenId}"), HttpStatusCode.NoContent);
        await contract.CheckAsync("get", Instances, client.GetAsync($"api/v1/workspaces/{ws}/instances"), HttpStatusCode.Unauthorized);

        Assert.True(contract.Failures.Count == 0, string.Join("\n", contract.Failures));
    }

    [Fact]
    public async Task The_checked_in_copy_for_the_TypeScript_SDK_is_the_served_document()
    {
        var served = (await FetchDocumentAsync()).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        var copy = ContractFiles.CheckedInDocument;

        // ORLEANSVM_UPDATE_CONTRACT=1 rewrites the copy; then `npm run generate` in the SDK regenerates its types.
        if (Environment.GetEnvironmentVariable("ORLEANSVM_UPDATE_CONTRACT") == "1") await File.WriteAllTextAsync(copy, served);

        Assert.True(File.Exists(copy), $"{copy} is missing: run this test with ORLEANSVM_UPDATE_CONTRACT=1");
        Assert.True(served == await File.ReadAllTextAsync(copy),
            $"{copy} differs from the served /openapi/v1.json: run this test with ORLEANSVM_UPDATE_CONTRACT=1, then `npm run generate` in src/OrleansVm.Client.TypeScript");
    }

    private async Task<JsonObject> FetchDocumentAsync()
    {
        using var anonymous = fixture.Silo.Client(token: null);
        var response = (await anonymous.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK);
        return response.Object;
    }
}
