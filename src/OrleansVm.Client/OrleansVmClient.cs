using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansVm.Client.Models;

namespace OrleansVm.Client;

/// <summary>
/// A typed client over the OrleansVm HTTP API. One method per route of http-api.md; every call
/// takes a cancellation token and fails with <see cref="OrleansVmApiException"/>.
/// </summary>
public sealed partial class OrleansVmClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OrleansVmClientOptions _options;

    /// <summary>Uses the given HttpClient (e.g. from IHttpClientFactory or a test server); its BaseAddress wins when set.</summary>
    public OrleansVmClient(HttpClient http, OrleansVmClientOptions? options = null)
    {
        _http = http;
        _options = options ?? new OrleansVmClientOptions();
        _http.BaseAddress ??= _options.BaseAddress;
    }

    public OrleansVmClient(OrleansVmClientOptions options)
        : this(new HttpClient { BaseAddress = options.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }, options)
    {
        _ownsHttp = true;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    // ---- cluster, modules, packages

    public Task<HealthReport> GetHealthAsync(CancellationToken ct = default) =>
        SendAsync<HealthReport>(HttpMethod.Get, "api/v1/health", null, ct);

    public Task<IReadOnlyList<NativeModuleInfo>> ListModulesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<NativeModuleInfo>>(HttpMethod.Get, "api/v1/modules", null, ct);

    public async Task<PublishedPackage> PublishPackageAsync(string packageId, string version, PublishPackageRequest request, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Put, $"api/v1/packages/{Seg(packageId)}/versions/{Seg(version)}", request, ct).ConfigureAwait(false);
        var published = await ReadAsync<PublishedPackage>(response, ct).ConfigureAwait(false);
        return published with { Created = response.StatusCode == HttpStatusCode.Created };
    }

    public Task<IReadOnlyList<PackageSummary>> ListPackagesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<PackageSummary>>(HttpMethod.Get, "api/v1/packages", null, ct);

    public Task<PackageDetails> GetPackageAsync(string packageId, CancellationToken ct = default) =>
        SendAsync<PackageDetails>(HttpMethod.Get, $"api/v1/packages/{Seg(packageId)}", null, ct);

    public Task<PackageVersionDetails> GetPackageVersionAsync(string packageId, string version, CancellationToken ct = default) =>
        SendAsync<PackageVersionDetails>(HttpMethod.Get, $"api/v1/packages/{Seg(packageId)}/versions/{Seg(version)}", null, ct);

    // ---- workspaces, tokens, grants, domains (operator)

    public Task<WorkspaceInfo> CreateWorkspaceAsync(string workspaceId, CancellationToken ct = default) =>
        SendAsync<WorkspaceInfo>(HttpMethod.Post, "api/v1/workspaces", new { workspaceId }, ct);

    public Task<IReadOnlyList<WorkspaceInfo>> ListWorkspacesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<WorkspaceInfo>>(HttpMethod.Get, "api/v1/workspaces", null, ct);

    public Task<CreatedToken> CreateTokenAsync(string workspaceId, CancellationToken ct = default) =>
        SendAsync<CreatedToken>(HttpMethod.Post, $"{Ws(workspaceId)}/tokens", new { }, ct);

    public Task RevokeTokenAsync(string workspaceId, string tokenId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"{Ws(workspaceId)}/tokens/{Seg(tokenId)}", ct);

    public Task<PackageGrants> PutGrantsAsync(string workspaceId, string packageId, Grants grants, CancellationToken ct = default) =>
        SendAsync<PackageGrants>(HttpMethod.Put, $"{Ws(workspaceId)}/grants/{Seg(packageId)}", grants, ct);

    public Task<IReadOnlyList<PackageGrants>> ListGrantsAsync(string workspaceId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<PackageGrants>>(HttpMethod.Get, $"{Ws(workspaceId)}/grants", null, ct);

    public Task<DomainSummary> DefineDomainAsync(string workspaceId, string domain, string code, CancellationToken ct = default) =>
        SendAsync<DomainSummary>(HttpMethod.Put, $"{Ws(workspaceId)}/domains/{Seg(domain)}", new { code }, ct);

    public Task<IReadOnlyList<DomainSummary>> ListDomainsAsync(string workspaceId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<DomainSummary>>(HttpMethod.Get, $"{Ws(workspaceId)}/domains", null, ct);

    public Task<DomainState> GetDomainAsync(string workspaceId, string domain, CancellationToken ct = default) =>
        SendAsync<DomainState>(HttpMethod.Get, $"{Ws(workspaceId)}/domains/{Seg(domain)}", null, ct);

    // ---- instances (client)

    public Task<CreatedInstance> CreateInstanceAsync(string workspaceId, string packageId, string? version = null, CancellationToken ct = default) =>
        SendAsync<CreatedInstance>(HttpMethod.Post, $"{Ws(workspaceId)}/instances", new { packageId, version }, ct);

    public Task<IReadOnlyList<InstanceInfo>> ListInstancesAsync(string workspaceId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<InstanceInfo>>(HttpMethod.Get, $"{Ws(workspaceId)}/instances", null, ct);

    public Task<InstanceInfo> GetInstanceAsync(string workspaceId, string instanceId, CancellationToken ct = default) =>
        SendAsync<InstanceInfo>(HttpMethod.Get, Instance(workspaceId, instanceId), null, ct);

    public Task<RenderedWidget> RenderAsync(string workspaceId, string instanceId, string widgetId, CancellationToken ct = default) =>
        SendAsync<RenderedWidget>(HttpMethod.Get, $"{Instance(workspaceId, instanceId)}/widgets/{Seg(widgetId)}", null, ct);

    public Task<EventOutcome> SendEventAsync(string workspaceId, string instanceId, string widgetId, string handler, JsonNode? args = null, CancellationToken ct = default) =>
        SendAsync<EventOutcome>(HttpMethod.Post, $"{Instance(workspaceId, instanceId)}/widgets/{Seg(widgetId)}/events", new EventBody(handler, args), ct);

    public Task<IReadOnlyList<LogLine>> GetLogsAsync(string workspaceId, string instanceId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<LogLine>>(HttpMethod.Get, $"{Instance(workspaceId, instanceId)}/logs", null, ct);

    public Task DeleteInstanceAsync(string workspaceId, string instanceId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, Instance(workspaceId, instanceId), ct);

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string workspaceId, int? limit = null, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<TimelineEntry>>(HttpMethod.Get, $"{Ws(workspaceId)}/timeline{(limit is { } n ? $"?limit={n}" : "")}", null, ct);

    private sealed record EventBody(string Handler, JsonNode? Args);

    // ---- plumbing

    private static string Seg(string value) => Uri.EscapeDataString(value);
    private static string Ws(string workspaceId) => $"api/v1/workspaces/{Seg(workspaceId)}";
    private static string Instance(string workspaceId, string instanceId) => $"{Ws(workspaceId)}/instances/{Seg(instanceId)}";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, ct).ConfigureAwait(false);
    }

    private async Task SendNoContentAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, null, ct).ConfigureAwait(false);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (_options.Token is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        return request;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = NewRequest(method, path, body);
        return await SendRequestAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a request and returns a successful response; any failure becomes an <see cref="OrleansVmApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendRequestAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OrleansVmApiException(0, "NETWORK_ERROR", ex.Message, inner: ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout, not the caller's token: a transport failure like any other.
            throw TimedOut(ex);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ToExceptionAsync(response, ct).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct).ConfigureAwait(false);
            return value ?? throw new OrleansVmApiException(response.StatusCode, "INVALID_RESPONSE", "The server answered an empty body.");
        }
        catch (JsonException ex)
        {
            throw new OrleansVmApiException(response.StatusCode, "INVALID_RESPONSE", $"The server's answer is not the expected JSON: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new OrleansVmApiException(0, "NETWORK_ERROR", $"The connection failed while reading the answer: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
    }

    private static OrleansVmApiException TimedOut(Exception inner) =>
        new(0, "NETWORK_ERROR", "The request timed out (HttpClient.Timeout).", inner: inner);

    private static async Task<OrleansVmApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            if (JsonNode.Parse(text) is JsonObject root && root["error"] is JsonObject error
                && error["code"]?.GetValue<string>() is { } code)
            {
                var message = error["message"]?.GetValue<string>() ?? code;
                return new OrleansVmApiException(response.StatusCode, code, message, error["details"] as JsonObject);
            }
        }
        catch (JsonException)
        {
            // Not an API error body (a proxy's page, say): reported below as HTTP_ERROR.
        }
        catch (InvalidOperationException)
        {
            // "code" or "message" was not a string: same as above.
        }
        var snippet = text.Length > 200 ? text[..200] : text;
        return new OrleansVmApiException(response.StatusCode, "HTTP_ERROR", $"HTTP {(int)response.StatusCode}: {snippet}");
    }
}
