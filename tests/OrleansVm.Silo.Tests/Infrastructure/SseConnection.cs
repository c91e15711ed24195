using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

/// <summary>A raw SSE connection for tests: the response headers, then events and comments line by line.</summary>
public sealed class SseConnection : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseConnection(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseConnection> OpenAsync(HttpClient http, string path, string token, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseConnection(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, skipping comments; fails after <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextEventAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var block = await NextBlockAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (block.Event is not null) return block.Event;
        }
    }

    /// <summary>The next event with this name, skipping others.</summary>
    public async Task<SseEvent> NextEventAsync(string name, TimeSpan? timeout = null)
    {
        while (true)
        {
            var next = await NextEventAsync(timeout);
            if (next.Name == name) return next;
        }
    }

    /// <summary>The next block (an event or only comments), or null at the end of the stream.</summary>
    public async Task<SseBlock?> NextBlockAsync(CancellationToken ct)
    {
        string? id = null, name = null, data = null;
        var comments = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (data is null && comments.Count == 0) continue;
                return new SseBlock(data is null ? null : new SseEvent(id, name ?? "message", JsonNode.Parse(data)!), comments);
            }
            if (line.StartsWith(':')) comments.Add(line[1..].Trim());
            else if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = data is null ? line[6..] : data + "\n" + line[6..];
        }
    }

    public Task<string> ReadToEndAsync() => _reader.ReadToEndAsync();

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}

public sealed record SseEvent(string? Id, string Name, JsonNode Data);

public sealed record SseBlock(SseEvent? Event, IReadOnlyList<string> Comments);
