using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>
/// Issue 12: a client that ignores Retry-After is limited at the HTTP edge, per client token: past its
/// bucket it gets 429 RATE_LIMITED with Retry-After and the envelope, while another workspace's token and
/// the operator are served. The bucket refills one request per 100 s here, so no timing can make it pass.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 3;
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(["--rate-limit-per-second", "0.01", "--rate-limit-burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private static async Task<HttpResponseMessage> ListAsync(ApiClient client, string workspaceId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/workspaces/{workspaceId}/instances");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_token_past_its_bucket_gets_429_with_Retry_After_while_another_workspace_is_served()
    {
        var scenario = new Scenario(_silo);
        var (flooding, _, _) = await scenario.WorkspaceWithClientAsync("rate");
        var (quiet, _, _) = await scenario.WorkspaceWithClientAsync("rate");
        var floodToken = await NewTokenAsync(scenario, flooding);
        var quietToken = await NewTokenAsync(scenario, quiet);
        using var http = _silo.Client(token: null);

        for (var i = 0; i < Burst; i++) Assert.Equal(HttpStatusCode.OK, (await ListAsync(http, flooding, floodToken)).StatusCode);

        // The client ignores Retry-After and keeps asking: every further request is refused at the edge.
        for (var i = 0; i < 5; i++)
        {
            using var refused = await ListAsync(http, flooding, floodToken);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {retryAfter}");
            var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("RATE_LIMITED", error["code"]!.GetValue<string>());
            Assert.Equal((int)retryAfter.Value.TotalSeconds, error["details"]!["retryAfterSeconds"]!.GetValue<int>());
            Assert.DoesNotContain(floodToken, error.ToJsonString(), StringComparison.Ordinal);
        }

        // Another workspace's token has its own bucket; the operator is not limited.
        for (var i = 0; i < Burst; i++) Assert.Equal(HttpStatusCode.OK, (await ListAsync(http, quiet, quietToken)).StatusCode);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await ListAsync(http, flooding, TestSilo.OperatorToken)).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_naming_a_workspace_does_not_use_up_that_workspace_bucket()
    {
        var scenario = new Scenario(_silo);
        var (ws, _, _) = await scenario.WorkspaceWithClientAsync("rate");
        var token = await NewTokenAsync(scenario, ws);
        // Same shape and workspace as the real token, other secret: its own bucket (and 401).
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var http = _silo.Client(token: null);

        for (var i = 0; i < Burst + 3; i++) Assert.NotEqual(HttpStatusCode.OK, (await ListAsync(http, ws, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ListAsync(http, ws, forged)).StatusCode);
        for (var i = 0; i < Burst; i++) Assert.Equal(HttpStatusCode.OK, (await ListAsync(http, ws, token)).StatusCode);
    }

    [Fact]
    public async Task With_the_limiter_off_a_token_is_never_refused()
    {
        await using var silo = await TestSilo.StartAsync(["--rate-limit-per-second", "0", "--rate-limit-burst", "1"]);
        var scenario = new Scenario(silo);
        var (ws, _, _) = await scenario.WorkspaceWithClientAsync("rate");
        var token = await NewTokenAsync(scenario, ws);
        using var http = silo.Client(token: null);

        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await ListAsync(http, ws, token)).StatusCode);
    }

    private static async Task<string> NewTokenAsync(Scenario scenario, string workspaceId) =>
        (await scenario.Operator.PostAsync($"api/v1/workspaces/{workspaceId}/tokens", new JsonObject())).Expect(HttpStatusCode.Created)
            .Object["token"]!.GetValue<string>();
}
