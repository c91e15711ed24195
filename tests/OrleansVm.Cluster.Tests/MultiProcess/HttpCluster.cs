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

    /// <summary>
    /// For the setup and the checks (not the counted events): retries a 503 (a grain that did not answer
    /// within the response timeout: a loaded box, or a grain of the killed silo before its death is
    /// declared), at most 10 times. A 409 on a retry means the first attempt had run.
    /// </summary>
    public async Task<JsonNode> SetUpAsync(HttpMethod method, string path, object? body = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(method, path, body);
            }
            catch (HttpRequestException ex) when (attempt > 1 && ex.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                return new JsonObject();
            }
            catch (HttpRequestException ex) when (attempt < 10 && ex.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(500 * attempt);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
