using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansVm.Client.Models;

namespace OrleansVm.Client;

public sealed partial class OrleansVmClient
{
    /// <summary>
    /// Follows a workspace's event stream until <paramref name="ct"/> is cancelled. After a dropped
    /// connection it reconnects with backoff and resumes with <c>Last-Event-ID</c>, so events the silo
    /// still holds are not missed. Errors that retrying cannot fix (401, 403, 404) end the stream
    /// with an <see cref="OrleansVmApiException"/>.
    /// </summary>
    public IAsyncEnumerable<StreamEvent> SubscribeAsync(string workspaceId, string? lastEventId = null, CancellationToken ct = default) =>
        SubscribeAsync(workspaceId, new StreamSubscribeOptions { LastEventId = lastEventId }, ct);

    /// <summary>
    /// As <see cref="SubscribeAsync(string, string?, CancellationToken)"/>, and reports each opened connection
    /// through <see cref="StreamSubscribeOptions.OnOpened"/>.
    /// </summary>
    public async IAsyncEnumerable<StreamEvent> SubscribeAsync(string workspaceId, StreamSubscribeOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var lastEventId = options.LastEventId;
        var opened = false;
        var delay = _options.StreamReconnectDelay;
        while (!ct.IsCancellationRequested)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await OpenStreamAsync(workspaceId, lastEventId, ct).ConfigureAwait(false);
            }
            catch (OrleansVmApiException ex) when (IsRetryable(ex) && !ct.IsCancellationRequested)
            {
                // The silo is restarting or unreachable: wait and try again below.
            }

            if (response is not null)
            {
                using (response)
                {
                    options.OnOpened?.Invoke(new StreamOpened(opened, lastEventId));
                    opened = true;
                    var enumerator = ReadEventsAsync(response, ct).GetAsyncEnumerator(ct);
                    try
                    {
                        while (await MoveNextOrEndAsync(enumerator, ct).ConfigureAwait(false))
                        {
                            var item = enumerator.Current;
                            if (item.Id is not null) lastEventId = item.Id;
                            delay = _options.StreamReconnectDelay;
                            yield return item;
                        }
                    }
                    finally
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }

            if (ct.IsCancellationRequested) yield break;
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string workspaceId, string? lastEventId, CancellationToken ct)
    {
        using var request = NewRequest(HttpMethod.Get, $"{Ws(workspaceId)}/stream", null);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return await SendRequestAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<StreamEvent> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct).ConfigureAwait(false))
        {
            JsonElement data;
            try
            {
                using var doc = JsonDocument.Parse(item.Data);
                data = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue; // Not an OrleansVm event (the server only sends JSON data); skip it rather than end the stream.
            }
            yield return new StreamEvent(item.EventId, item.EventType, data);
        }
    }

    /// <summary>Moves on, treating a dropped connection as the end of this connection's events.</summary>
    private static async Task<bool> MoveNextOrEndAsync(IAsyncEnumerator<StreamEvent> enumerator, CancellationToken ct)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool IsRetryable(OrleansVmApiException ex) =>
        ex.Code is "NETWORK_ERROR" or "UNAVAILABLE" or "INTERNAL" || (int)ex.Status >= 500;
}
