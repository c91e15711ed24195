using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>The few API calls the browser tests make directly (as the operator): setting up workspaces and reading shared state.</summary>
public sealed class SiloApi : IDisposable
{
    public const string DemoWorkspace = "demo";
    private static readonly TimeSpan SeedTimeout = TimeSpan.FromSeconds(120);
    private readonly HttpClient _http;

    public SiloApi(Uri baseAddress, string operatorToken)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseAddress, "api/v1/"), Timeout = TimeSpan.FromSeconds(90) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
    }

    /// <summary>Waits until the silo has published the presets and granted them in the demo workspace.</summary>
    public async Task WaitUntilDemoWorkspaceIsSeededAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + SeedTimeout;
        while (true)
        {
            using var response = await _http.GetAsync($"workspaces/{DemoWorkspace}/grants", cancellationToken);
            if (response.IsSuccessStatusCode && (await ReadGrantsAsync(response, cancellationToken)).Any(g => PackageIdOf(g) == "counter")) return;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The demo workspace has no grant for the counter preset after {SeedTimeout.TotalSeconds:0} s (last answer {(int)response.StatusCode}).");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>A new workspace whose preset grants are copied from the demo workspace, so each test starts from empty shared state.</summary>
    public async Task CreateWorkspaceLikeDemoAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        using (var created = await _http.PostAsJsonAsync("workspaces", new { workspaceId }, cancellationToken))
            await EnsureSuccessAsync(created, $"POST /workspaces {workspaceId}");

        using var response = await _http.GetAsync($"workspaces/{DemoWorkspace}/grants", cancellationToken);
        await EnsureSuccessAsync(response, "GET /workspaces/demo/grants");
        foreach (var grant in await ReadGrantsAsync(response, cancellationToken))
        {
            var body = new JsonObject
            {
                ["readShared"] = grant["readShared"]?.DeepClone() ?? new JsonArray(),
                ["writeShared"] = grant["writeShared"]?.DeepClone() ?? new JsonArray(),
                ["modules"] = grant["modules"]?.DeepClone() ?? new JsonArray(),
            };
            using var put = await _http.PutAsJsonAsync($"workspaces/{workspaceId}/grants/{PackageIdOf(grant)}", body, cancellationToken);
            await EnsureSuccessAsync(put, $"PUT grants of {PackageIdOf(grant)}");
        }
    }

    /// <summary>The raw state of a shared domain as JSON text (<c>null</c> when it has none yet).</summary>
    public async Task<string> GetDomainStateJsonAsync(string workspaceId, string domain, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"workspaces/{workspaceId}/domains/{domain}", cancellationToken);
        await EnsureSuccessAsync(response, $"GET domain {domain}");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new InvalidOperationException($"GET domain {domain} answered no JSON object.");
        return body["state"]?.ToJsonString() ?? "null";
    }

    private static async Task<IReadOnlyList<JsonNode>> ReadGrantsAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken))?.OfType<JsonNode>().ToList() ?? [];

    private static string PackageIdOf(JsonNode grant) => grant["packageId"]?.GetValue<string>() ?? "";

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {body}", null, response.StatusCode == 0 ? null : (HttpStatusCode?)response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
