using System.Net;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

public sealed class StaticFilesTests : IAsyncLifetime
{
    private readonly TempDirectory _playground = new("orleansvm-playground");
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_playground.Combine("assets"));
        await File.WriteAllTextAsync(_playground.Combine("index.html"), "<!doctype html><title>OrleansVm</title>");
        await File.WriteAllTextAsync(_playground.Combine("assets", "index-abc.js"), "export {};");
        await File.WriteAllTextAsync(_playground.Combine("assets", "index-abc.css"), "body{}");
        _silo = await TestSilo.StartAsync(["--playground-path", _playground.Path]);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _playground.Dispose();
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/assets/index-abc.js", "text/javascript")]
    [InlineData("/assets/index-abc.css", "text/css")]
    [InlineData("/some/page/route", "text/html")]
    public async Task The_playground_is_served_without_a_token(string path, string mediaType)
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress };

        using var response = await http.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Index_is_not_cached_and_hashed_assets_are()
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress };

        using var index = await http.GetAsync("");
        using var asset = await http.GetAsync("assets/index-abc.js");

        Assert.True(index.Headers.CacheControl?.NoCache);
        Assert.True(asset.Headers.CacheControl?.MaxAge > TimeSpan.FromDays(30));
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("GET", "/api/v2/health")]
    [InlineData("GET", "/api/v1/packages/counter/extra/segments")]
    [InlineData("DELETE", "/api/v1/health")]
    [InlineData("POST", "/api/v1/packages")]
    [InlineData("GET", "/api/v1/file.json")]
    public async Task Unknown_api_routes_are_404_json_never_the_page(string method, string path)
    {
        using var client = _silo.Client();

        (await client.SendAsync(new HttpMethod(method), path)).Expect(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_bench_echo_is_off_by_default()
    {
        using var client = _silo.Client();

        (await client.SendAsync(HttpMethod.Post, "api/v1/_bench/echo", """{"a":1}""")).Expect(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
