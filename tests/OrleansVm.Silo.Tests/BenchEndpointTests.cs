using System.Net;

namespace OrleansVm.Silo.Tests;

public sealed class BenchEndpointTests
{
    [Fact]
    public async Task The_echo_returns_the_body_when_enabled()
    {
        await using var silo = await TestSilo.StartAsync(["--enable-bench-endpoints"]);
        using var anonymous = silo.Client(token: null);
        const string body = """{"handler":"increment","args":{"n":[1,2,3]}}""";

        var response = (await anonymous.SendAsync(HttpMethod.Post, "api/v1/_bench/echo", body)).Expect(HttpStatusCode.OK);

        Assert.Equal(body, response.Text);
        Assert.Equal("application/json", response.MediaType);
    }
}
