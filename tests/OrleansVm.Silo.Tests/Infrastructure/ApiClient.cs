using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

/// <summary>Raw HTTP calls for API tests: status, content type and the JSON body as sent, nothing typed.</summary>
public sealed class ApiClient(HttpClient http, string? token) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body?.ToJsonString());

    public Task<ApiResponse> PutAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Put, path, body?.ToJsonString());

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? rawBody = null, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (rawBody is not null) request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        adjust?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public void Dispose() => Http.Dispose();
}

public sealed record ApiResponse(HttpStatusCode Status, string? MediaType, string Text)
{
    public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);

    public JsonObject Object => Json as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {Text}");

    public JsonArray Array => Json as JsonArray ?? throw new InvalidOperationException($"Not a JSON array: {Text}");

    public string? ErrorCode => (Json as JsonObject)?["error"]?["code"]?.GetValue<string>();

    public string? ErrorField => (Json as JsonObject)?["error"]?["details"]?["field"]?.GetValue<string>();

    /// <summary>Asserts the status and, for errors, the envelope's code; returns this for more checks.</summary>
    public ApiResponse Expect(HttpStatusCode status, string? code = null)
    {
        Assert.True(status == Status, $"Expected {(int)status} {code}, got {(int)Status}: {Text}");
        if (code is not null)
        {
            Assert.Equal("application/json", MediaType);
            Assert.Equal(code, ErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(Json!["error"]!["message"]?.GetValue<string>()), "error.message is empty");
        }
        return this;
    }
}
