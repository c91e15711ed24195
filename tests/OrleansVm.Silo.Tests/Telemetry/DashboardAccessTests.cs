using System.Net;

namespace OrleansVm.Silo.Tests;

/// <summary>The Orleans Dashboard at /dashboard: operator only (bearer, or the session cookie that ?token= sets).</summary>
public sealed class DashboardAccessTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private TestSilo Silo => fixture.Silo;

    [Fact]
    public async Task The_dashboard_is_401_without_the_operator_token_and_403_with_a_client_token()
    {
        var (_, client, _) = await new Scenario(Silo).WorkspaceWithClientAsync("dash-auth");

        (await Silo.Client(null).GetAsync("dashboard/")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await Silo.Client(null).GetAsync("dashboard/DashboardCounters")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await Silo.Client("not-a-token").GetAsync("dashboard/")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await client.GetAsync("dashboard/")).Expect(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await Silo.Client(null).GetAsync("dashboard/?token=not-the-token")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        // A forged session cookie opens nothing.
        (await Silo.Client(null).SendAsync(HttpMethod.Get, "dashboard/", adjust: r => r.Headers.Add("Cookie", "orleansvm_dashboard=AAAA")))
            .Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_operator_token_as_a_bearer_opens_the_page_and_its_data()
    {
        var page = (await Silo.Client().GetAsync("dashboard/")).Expect(HttpStatusCode.OK);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("index.min.js", page.Text);
        var counters = (await Silo.Client().GetAsync("dashboard/DashboardCounters")).Expect(HttpStatusCode.OK);
        Assert.NotNull(counters.Object["totalActiveHostCount"]);
    }

    [Fact]
    public async Task The_token_in_the_address_sets_an_HttpOnly_session_cookie_and_leaves_the_address()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Silo.BaseAddress };

        using var login = await http.GetAsync($"dashboard?token={TestSilo.OperatorToken}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/dashboard/", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("orleansvm_dashboard=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestSilo.OperatorToken, setCookie); // the cookie is derived from the token, not the token

        var cookie = setCookie.Split(';')[0];
        foreach (var path in new[] { "dashboard/", "dashboard/DashboardCounters", "dashboard/index.min.js" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_browser_without_the_cookie_gets_the_login_form_which_takes_the_token_in_its_body()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Silo.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "dashboard/");
        page.Headers.Accept.ParseAdd("text/html");
        using var form = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/dashboard/login\">", html);
        Assert.Contains("type=\"password\"", html);

        using var wrong = await http.PostAsync("dashboard/login", new FormUrlEncodedContent([new("token", "not-the-token")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That is not the operator token.", await wrong.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var right = await http.PostAsync("dashboard/login", new FormUrlEncodedContent([new("token", TestSilo.OperatorToken)]));
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal("/dashboard/", right.Headers.Location?.OriginalString);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var data = new HttpRequestMessage(HttpMethod.Get, "dashboard/DashboardCounters");
        data.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(data)).StatusCode);
    }

    [Fact]
    public async Task Metrics_and_dashboard_are_not_part_of_the_JSON_API_document()
    {
        var document = (await Silo.Client(null).GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK).Object;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.NotEmpty(paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal) || p.StartsWith("/metrics", StringComparison.Ordinal));
    }
}
