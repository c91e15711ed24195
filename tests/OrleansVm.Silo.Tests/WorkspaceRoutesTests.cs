using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

public sealed class WorkspaceRoutesTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string ItemsDomain = """
        defineDomain({
          initialState: { items: [] },
          reducers: { 'item-added': function (state, action) { return { items: state.items.concat([action.payload]) }; } },
          project: function (state) { return { count: state.items.length }; }
        });
        """;

    private readonly Scenario _scenario = new(fixture.Silo);

    private ApiClient Operator => _scenario.Operator;

    [Fact]
    public async Task Create_answers_201_then_409_and_the_list_shows_it()
    {
        var workspaceId = Scenario.NewWorkspaceId();

        var created = (await Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = workspaceId })).Expect(HttpStatusCode.Created).Object;
        Assert.Equal(workspaceId, created["workspaceId"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(created["createdAt"]!.GetValue<string>(), out _));

        (await Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = workspaceId })).Expect(HttpStatusCode.Conflict, "WORKSPACE_EXISTS");

        var list = (await Operator.GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.OK).Array;
        Assert.Contains(list, w => w!["workspaceId"]!.GetValue<string>() == workspaceId);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-dash-first")]
    [InlineData("with_underscore")]
    [InlineData("")]
    public async Task A_bad_workspace_id_is_400_naming_the_field(string workspaceId)
    {
        var response = (await Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = workspaceId }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal("workspaceId", response.ErrorField);
    }

    [Fact]
    public async Task Tokens_are_made_once_and_revoked_once()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        var token = (await Operator.PostAsync($"api/v1/workspaces/{workspaceId}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object;
        var tokenId = token["tokenId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token["token"]!.GetValue<string>()));

        (await Operator.DeleteAsync($"api/v1/workspaces/{workspaceId}/tokens/{tokenId}")).Expect(HttpStatusCode.NoContent);
        (await Operator.DeleteAsync($"api/v1/workspaces/{workspaceId}/tokens/{tokenId}")).Expect(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_token_request_may_have_an_empty_body_but_no_fields()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        (await Operator.SendAsync(HttpMethod.Post, $"api/v1/workspaces/{workspaceId}/tokens")).Expect(HttpStatusCode.Created);
        (await Operator.PostAsync($"api/v1/workspaces/{workspaceId}/tokens", new JsonObject { ["ttl"] = 5 })).Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task Tokens_of_a_missing_workspace_are_404()
    {
        (await Operator.PostAsync("api/v1/workspaces/no-such-ws/tokens", new JsonObject())).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
    }

    [Fact]
    public async Task Grants_are_normalized_stored_and_listed()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        var stored = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/counter", new JsonObject
        {
            ["readShared"] = new JsonArray("counter-summary"),
            ["writeShared"] = new JsonArray("counter-summary"),
            ["modules"] = new JsonArray(" KV ", "time", "kv"),
        })).Expect(HttpStatusCode.OK).Object;

        Assert.Equal("counter", stored["packageId"]!.GetValue<string>());
        Assert.Equal(["kv", "time"], stored["modules"]!.AsArray().Select(m => m!.GetValue<string>()).Order());

        var list = (await Operator.GetAsync($"api/v1/workspaces/{workspaceId}/grants")).Expect(HttpStatusCode.OK).Array;
        var counter = Assert.Single(list)!;
        Assert.Equal(stored.ToJsonString(), counter.ToJsonString());
    }

    [Fact]
    public async Task Grant_domain_names_are_trimmed_and_lower_cased_and_bad_ones_are_400()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        var stored = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/counter", new JsonObject { ["readShared"] = new JsonArray(" Counter-Summary ") }))
            .Expect(HttpStatusCode.OK).Object;
        var bad = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/counter", new JsonObject { ["writeShared"] = new JsonArray("no spaces allowed") }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(["counter-summary"], stored["readShared"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("writeShared", bad.ErrorField);
    }

    [Theory]
    [InlineData("console")]
    [InlineData("fs")]
    public async Task A_grant_of_a_bad_module_is_422(string module)
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/counter", new JsonObject { ["modules"] = new JsonArray(module) }))
            .Expect((HttpStatusCode)422, "MODULE_NOT_ALLOWED");
    }

    [Fact]
    public async Task Grants_with_a_bad_package_id_are_400()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        var response = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/grants/Not_Valid", new JsonObject()))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal("packageId", response.ErrorField);
    }

    [Fact]
    public async Task Custom_domains_are_created_replaced_listed_and_read()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        var created = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/domains/items", new JsonObject { ["code"] = ItemsDomain }))
            .Expect(HttpStatusCode.Created).Object;
        Assert.Equal("""{"domain":"items","builtIn":false,"readOnly":false}""", created.ToJsonString());
        (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/domains/items", new JsonObject { ["code"] = ItemsDomain })).Expect(HttpStatusCode.OK);

        var list = (await Operator.GetAsync($"api/v1/workspaces/{workspaceId}/domains")).Expect(HttpStatusCode.OK).Array;
        var names = list.Select(d => d!["domain"]!.GetValue<string>()).ToList();
        Assert.Contains("items", names);
        Assert.Contains("counter-summary", names);
        Assert.True(list.Single(d => d!["domain"]!.GetValue<string>() == "runtime-registry")!["readOnly"]!.GetValue<bool>());

        var items = (await Operator.GetAsync($"api/v1/workspaces/{workspaceId}/domains/items")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal("items", items["domain"]!.GetValue<string>());
        Assert.Empty(items["state"]!["items"]!.AsArray());

        var builtIn = (await Operator.GetAsync($"api/v1/workspaces/{workspaceId}/domains/counter-summary")).Expect(HttpStatusCode.OK).Object;
        Assert.True(builtIn["builtIn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Domain_errors_have_their_codes()
    {
        var (workspaceId, _, _) = await _scenario.WorkspaceWithClientAsync();

        (await Operator.GetAsync($"api/v1/workspaces/{workspaceId}/domains/never-defined")).Expect(HttpStatusCode.NotFound, "DOMAIN_NOT_FOUND");
        (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/domains/broken", new JsonObject { ["code"] = "defineDomain(" }))
            .Expect((HttpStatusCode)422, "PLUGIN_LOAD_ERROR");
        (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/domains/counter-summary", new JsonObject { ["code"] = ItemsDomain }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var badName = (await Operator.PutAsync($"api/v1/workspaces/{workspaceId}/domains/Bad_Name", new JsonObject { ["code"] = ItemsDomain }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("domain", badName.ErrorField);
    }
}
