using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Cluster.Tests.MultiProcess;

/// <summary>The HTTP calls the multi-process test makes, as the operator, against one silo.</summary>
public sealed class SiloHttp : IDisposable
{
    private readonly HttpClient _http;

    public SiloHttp(Uri baseAddress, string operatorToken, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseAddress, "api/v1/"), Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
    }

    public HttpClient Raw => _http;

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? new JsonObject();
    }

    public void Dispose() => _http.Dispose();
}
