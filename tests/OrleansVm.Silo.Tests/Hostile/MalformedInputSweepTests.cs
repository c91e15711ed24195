using System.Net;
using System.Text;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>
/// Issue 12 item 7: malformed input never answers 500. Every route of http-api.md gets every malformed body and
/// query below, as the operator (who passes every access check, so the input reaches the handler).
/// </summary>
public sealed class MalformedInputSweepTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string Instance = "api/v1/workspaces/demo/instances/counter@AAAAAAAA";

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "api/v1/health" },
        { "GET", "api/v1/modules" },
        { "PUT", "api/v1/packages/sweep-pkg/versions/1.0.0" },
        { "GET", "api/v1/packages" },
        { "GET", "api/v1/packages/counter" },
        { "GET", "api/v1/packages/counter/versions/1.0.0" },
        { "POST", "api/v1/workspaces" },
        { "GET", "api/v1/workspaces" },
        { "POST", "api/v1/workspaces/demo/tokens" },
        { "DELETE", "api/v1/workspaces/demo/tokens/0123456789abcdef" },
        { "PUT", "api/v1/workspaces/demo/grants/sweep-pkg" },
        { "GET", "api/v1/workspaces/demo/grants" },
        { "PUT", "api/v1/workspaces/demo/domains/sweep-domain" },
        { "GET", "api/v1/workspaces/demo/domains" },
        { "GET", "api/v1/workspaces/demo/domains/counter-summary" },
        { "POST", "api/v1/workspaces/demo/instances" },
        { "GET", "api/v1/workspaces/demo/instances" },
        { "GET", Instance },
        { "GET", Instance + "/widgets/counter" },
        { "POST", Instance + "/widgets/counter/events" },
        { "GET", Instance + "/logs" },
        { "DELETE", "api/v1/workspaces/demo/instances/nobody@AAAAAAAA" },
        { "GET", "api/v1/workspaces/demo/timeline" },
    };

    /// <summary>Bodies that are not JSON a route can take: each must be a 4xx with the error envelope.</summary>
    private static readonly byte[][] Bodies =
    [
        Encoding.UTF8.GetBytes("""{"handler":"h","args":{"k":1,"k":2}}"""),
        Encoding.UTF8.GetBytes("""{"code":"x","manifest":{"title":"a","title":"b"}}"""),
        Encoding.UTF8.GetBytes("""{"workspaceId":"a","workspaceId":"b"}"""),
        [.. "{\"handler\":\""u8, 0xC3, 0x28, .. "\",\"args\":{\"t\":\""u8, 0xFF, 0xFE, .. "\"}}"u8],
        [.. "{\"handler\":\"h\",\"args\":{\""u8, 0xED, 0xA0, 0x80, .. "\":1}}"u8],
        Encoding.UTF8.GetBytes("""{"handler":"h","args":{"n":1e400}}"""),
        Encoding.UTF8.GetBytes("""{"packageId":1e400}"""),
        Encoding.UTF8.GetBytes("""{"packageId":"counter","version":99999999999999999999999}"""),
        Encoding.UTF8.GetBytes("""{"handler":"h","args":""" + new string('[', 200) + new string(']', 200) + "}"),
        Encoding.UTF8.GetBytes("""{"handler":"h","args":""" + string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70) + "}"),
        Encoding.UTF8.GetBytes("""{"readShared":[1e400],"writeShared":[],"modules":[]}"""),
        Encoding.UTF8.GetBytes("""{"code":"x","code":"y"}"""),
        Encoding.UTF8.GetBytes("""{"handler":"\u0000"}"""),
        Encoding.UTF8.GetBytes("\uFEFF{}"),
        [0xFF, 0xFE, 0x00],
    ];

    private static readonly string[] Queries =
    [
        "?limit=99999999999999999999",
        "?limit=-1",
        "?limit=1e400",
        "?limit=%FF%FE",
        "?limit=1&limit=2",
        "?limit=%00",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_malformed_body_or_query_answers_500(string method, string path)
    {
        var client = fixture.Silo.Client();
        var failures = new List<string>();
        foreach (var body in Bodies)
        {
            var response = await client.SendAsync(new HttpMethod(method), path, adjust: request =>
                request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });
            Check(response, $"{method} {path} body {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 40)))}", failures);
        }
        foreach (var query in Queries)
        {
            var response = await client.SendAsync(new HttpMethod(method), path + query);
            Check(response, $"{method} {path}{query}", failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Duplicate_keys_inside_event_args_are_400_naming_the_field()
    {
        var response = await fixture.Silo.Client().SendAsync(HttpMethod.Post, Instance + "/widgets/counter/events",
            """{"handler":"h","args":{"k":1,"k":2}}""");

        response.Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.Equal("args.k", response.ErrorField);
    }

    [Fact]
    public async Task Invalid_utf8_inside_event_args_is_400()
    {
        var response = await fixture.Silo.Client().SendAsync(HttpMethod.Post, Instance + "/widgets/counter/events", adjust: request =>
            request.Content = new ByteArrayContent([.. "{\"handler\":\"increment\",\"args\":{\"t\":\""u8, 0xFF, 0xFE, .. "\"}}"u8])
            {
                Headers = { { "Content-Type", "application/json" } },
            });

        response.Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    private static void Check(ApiResponse response, string what, List<string> failures)
    {
        var status = (int)response.Status;
        if (status >= 500) failures.Add($"{what}: {status} {response.Text}");
        else if (status >= 400 && response.ErrorCode is null) failures.Add($"{what}: {status} without the error envelope: {response.Text}");
        if (response.Text.Contains("System.", StringComparison.Ordinal)) failures.Add($"{what}: a .NET name in {response.Text}");
    }
}
