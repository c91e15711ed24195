using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

/// <summary>http-api.md "Auth": no token, wrong token, revoked token, client token on operator routes and on other workspaces.</summary>
public sealed class AuthMatrixTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private TestSilo Silo => fixture.Silo;

    public static TheoryData<string, string> EveryTokenRoute => new()
    {
        { "GET", "api/v1/modules" },
        { "GET", "api/v1/packages" },
        { "GET", "api/v1/packages/counter" },
        { "GET", "api/v1/packages/counter/versions/1.0.0" },
        { "PUT", "api/v1/packages/counter/versions/9.9.9" },
        { "POST", "api/v1/workspaces" },
        { "GET", "api/v1/workspaces" },
        { "POST", "api/v1/workspaces/demo/tokens" },
        { "DELETE", "api/v1/workspaces/demo/tokens/0123456789abcdef" },
        { "PUT", "api/v1/workspaces/demo/grants/counter" },
        { "GET", "api/v1/workspaces/demo/grants" },
        { "PUT", "api/v1/workspaces/demo/domains/custom" },
        { "GET", "api/v1/workspaces/demo/domains" },
        { "GET", "api/v1/workspaces/demo/domains/counter-summary" },
        { "POST", "api/v1/workspaces/demo/instances" },
        { "GET", "api/v1/workspaces/demo/instances" },
        { "GET", "api/v1/workspaces/demo/instances/counter@AAAAAAAA" },
        { "GET", "api/v1/workspaces/demo/instances/counter@AAAAAAAA/widgets/counter" },
        { "POST", "api/v1/workspaces/demo/instances/counter@AAAAAAAA/widgets/counter/events" },
        { "GET", "api/v1/workspaces/demo/instances/counter@AAAAAAAA/logs" },
        { "DELETE", "api/v1/workspaces/demo/instances/counter@AAAAAAAA" },
        { "GET", "api/v1/workspaces/demo/timeline" },
        { "GET", "api/v1/workspaces/demo/stream" },
    };

    public static TheoryData<string, string> OperatorRoutes => new()
    {
        { "PUT", "api/v1/packages/counter/versions/9.9.9" },
        { "POST", "api/v1/workspaces" },
        { "GET", "api/v1/workspaces" },
        { "POST", "api/v1/workspaces/{ws}/tokens" },
        { "DELETE", "api/v1/workspaces/{ws}/tokens/0123456789abcdef" },
        { "PUT", "api/v1/workspaces/{ws}/grants/counter" },
        { "GET", "api/v1/workspaces/{ws}/grants" },
        { "PUT", "api/v1/workspaces/{ws}/domains/custom" },
        { "GET", "api/v1/workspaces/{ws}/domains" },
        { "GET", "api/v1/workspaces/{ws}/domains/counter-summary" },
    };

    public static TheoryData<string, string> ClientRoutes => new()
    {
        { "POST", "api/v1/workspaces/{ws}/instances" },
        { "GET", "api/v1/workspaces/{ws}/instances" },
        { "GET", "api/v1/workspaces/{ws}/instances/counter@AAAAAAAA" },
        { "GET", "api/v1/workspaces/{ws}/instances/counter@AAAAAAAA/widgets/counter" },
        { "POST", "api/v1/workspaces/{ws}/instances/counter@AAAAAAAA/widgets/counter/events" },
        { "GET", "api/v1/workspaces/{ws}/instances/counter@AAAAAAAA/logs" },
        { "DELETE", "api/v1/workspaces/{ws}/instances/counter@AAAAAAAA" },
        { "GET", "api/v1/workspaces/{ws}/timeline" },
        { "GET", "api/v1/workspaces/{ws}/stream" },
    };

    [Theory]
    [MemberData(nameof(EveryTokenRoute))]
    public async Task No_token_is_401(string method, string path)
    {
        using var anonymous = Silo.Client(token: null);

        (await anonymous.SendAsync(new HttpMethod(method), path, "{}")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [MemberData(nameof(EveryTokenRoute))]
    public async Task Unknown_token_is_401(string method, string path)
    {
        using var wrong = Silo.Client("not-a-token");

        (await wrong.SendAsync(new HttpMethod(method), path, "{}")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_forged_client_token_naming_a_real_workspace_is_401()
    {
        var (workspaceId, _, _) = await new Scenario(Silo).WorkspaceWithClientAsync();
        using var forged = Silo.Client($"ovmc_{workspaceId}_0123456789abcdef_forgedsecretforgedsecretforgedsecret");

        (await forged.GetAsync($"api/v1/workspaces/{workspaceId}/instances")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Non_bearer_authorization_is_401()
    {
        using var client = Silo.Client(token: null);

        var response = await client.SendAsync(HttpMethod.Get, "api/v1/packages", adjust: r =>
            r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", TestSilo.OperatorToken));

        response.Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [MemberData(nameof(OperatorRoutes))]
    public async Task Client_token_on_an_operator_route_is_403(string method, string path)
    {
        var (workspaceId, client, _) = await new Scenario(Silo).WorkspaceWithClientAsync();

        (await client.SendAsync(new HttpMethod(method), path.Replace("{ws}", workspaceId), "{}")).Expect(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Theory]
    [MemberData(nameof(ClientRoutes))]
    public async Task Client_token_on_another_workspace_is_404_like_a_missing_workspace(string method, string path)
    {
        var scenario = new Scenario(Silo);
        var (_, client, _) = await scenario.WorkspaceWithClientAsync("mine");
        var (otherWorkspace, _, _) = await scenario.WorkspaceWithClientAsync("theirs");

        var other = (await client.SendAsync(new HttpMethod(method), path.Replace("{ws}", otherWorkspace), """{"packageId":"counter","handler":"increment"}"""))
            .Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
        var missing = (await client.SendAsync(new HttpMethod(method), path.Replace("{ws}", "no-such-workspace"), """{"packageId":"counter","handler":"increment"}"""))
            .Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");

        Assert.Equal(missing.Text.Replace("no-such-workspace", "X"), other.Text.Replace(otherWorkspace, "X"));
    }

    [Fact]
    public async Task Operator_on_a_missing_workspace_gets_the_same_404()
    {
        using var op = Silo.Client();

        (await op.GetAsync("api/v1/workspaces/no-such-workspace/instances")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
        (await op.GetAsync("api/v1/workspaces/no-such-workspace/timeline")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
        (await op.GetAsync("api/v1/workspaces/no-such-workspace/stream")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
        (await op.GetAsync("api/v1/workspaces/no-such-workspace/grants")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
        (await op.GetAsync("api/v1/workspaces/no-such-workspace/domains/counter-summary")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
    }

    [Fact]
    public async Task Client_token_works_on_its_workspace_and_on_any_token_routes()
    {
        var (workspaceId, client, _) = await new Scenario(Silo).WorkspaceWithClientAsync();

        (await client.GetAsync($"api/v1/workspaces/{workspaceId}/instances")).Expect(HttpStatusCode.OK);
        (await client.GetAsync($"api/v1/workspaces/{workspaceId}/timeline")).Expect(HttpStatusCode.OK);
        (await client.GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK);
        (await client.GetAsync("api/v1/packages/counter")).Expect(HttpStatusCode.OK);
        (await client.GetAsync("api/v1/modules")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_token_is_401_at_once()
    {
        var scenario = new Scenario(Silo);
        var (workspaceId, client, tokenId) = await scenario.WorkspaceWithClientAsync();
        (await client.GetAsync($"api/v1/workspaces/{workspaceId}/instances")).Expect(HttpStatusCode.OK);

        (await scenario.Operator.DeleteAsync($"api/v1/workspaces/{workspaceId}/tokens/{tokenId}")).Expect(HttpStatusCode.NoContent);

        (await client.GetAsync($"api/v1/workspaces/{workspaceId}/instances")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await client.GetAsync("api/v1/packages")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Operators_may_use_client_routes_on_any_workspace()
    {
        var scenario = new Scenario(Silo);
        var (workspaceId, _, _) = await scenario.WorkspaceWithClientAsync();
        await scenario.GrantAsync(workspaceId, "calculator");

        var instanceId = await scenario.CreateInstanceAsync(scenario.Operator, workspaceId, "calculator");

        (await scenario.Operator.GetAsync($"api/v1/workspaces/{workspaceId}/instances/{instanceId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Workspace_list_tells_the_playground_which_kind_of_token_it_holds()
    {
        var (_, client, _) = await new Scenario(Silo).WorkspaceWithClientAsync();

        (await Silo.Client().GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.OK);
        (await client.GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await Silo.Client("bogus").GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Tokens_of_two_workspaces_are_distinct_and_each_only_opens_its_own()
    {
        var scenario = new Scenario(Silo);
        var (first, firstClient, _) = await scenario.WorkspaceWithClientAsync("one");
        var (second, secondClient, _) = await scenario.WorkspaceWithClientAsync("two");

        (await firstClient.GetAsync($"api/v1/workspaces/{first}/instances")).Expect(HttpStatusCode.OK);
        (await secondClient.GetAsync($"api/v1/workspaces/{second}/instances")).Expect(HttpStatusCode.OK);
        (await firstClient.PostAsync($"api/v1/workspaces/{second}/instances", new JsonObject { ["packageId"] = "counter" }))
            .Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
    }
}
