using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Api;

/// <summary>
/// <c>GET /workspaces/{ws}/stream</c>: Server-Sent Events fed by long-polling the workspace's events
/// grain, so the stream works from any silo. Auth and workspace errors are answered as JSON before
/// the stream starts; the stream ends cleanly when the client leaves or the silo stops, and within
/// <see cref="StreamAccessCheck.Period"/> (plus one grain call) of its token being revoked.
/// When the silo holding the events grain dies, the polls fail for a few seconds until Orleans
/// re-activates the grain on a survivor: the stream keeps its connection and polls again, with backoff.
/// </summary>
public static class StreamRoutes
{
    /// <summary>First pause after a failed poll; doubled on each failure in a row, up to <see cref="MaxRetryDelay"/>.</summary>
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Short next to failover (seconds), so the stream resumes soon after the grain is back.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workspaces/{ws}/stream", StreamAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").Fails(401, 404);

    private static async Task StreamAsync(string ws, HttpContext http, IGrainFactory grains, IHostApplicationLifetime lifetime, IOptions<SiloSettings> settings, ApiAuthenticator authenticator, ILoggerFactory loggers)
    {
        // A static class cannot be ILogger<T>'s T: the category is named after it instead.
        var log = loggers.CreateLogger(typeof(StreamRoutes).FullName!);
        var access = new StreamAccessCheck(http.Request, authenticator);
        var events = grains.Ref<IWorkspaceEventsGrain>(ws);
        var after = ParseLastEventId(http.Request.Headers["Last-Event-ID"]) ?? await events.GetLastIdAsync();
        var limits = settings.Value.Limits;
        // Each long poll is a grain call, bound by Orleans' response timeout: it must end well within it, or an
        // idle stream would fail with a timeout instead of sending its keep-alive comment.
        var keepAlive = TimeSpan.FromMilliseconds(Math.Min(
            Math.Max(1, limits.StreamKeepAliveSeconds) * 1000.0, Math.Max(100, limits.GrainCallTimeoutMs / 2.0)));

        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // reverse proxies (nginx) must not hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        try
        {
            log.StreamOpened(ws, after);
            await response.WriteAsync(": connected\n\n", ct);
            await response.Body.FlushAsync(ct);
            var lastWrite = DateTimeOffset.UtcNow;
            var retryDelay = TimeSpan.Zero;
            while (!ct.IsCancellationRequested)
            {
                WorkspaceEventBatch batch;
                bool allowed;
                try
                {
                    // The grain call itself cannot be cancelled; stop waiting for it instead (it ends within the wait).
                    batch = await events.ReadAsync(after, access.Wait(keepAlive)).WaitAsync(ct);
                    allowed = await access.StillAllowedAsync();
                    retryDelay = TimeSpan.Zero;
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    // A silo of the cluster died or is overloaded: the grains come back on a survivor, so poll
                    // again from the last id sent. Only the type is logged: Orleans' messages may quote call arguments.
                    retryDelay = retryDelay == TimeSpan.Zero ? FirstRetryDelay : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                    log.StreamPollRetry(ws, ex.GetType().Name, (int)retryDelay.TotalMilliseconds, after);
                    if (DateTimeOffset.UtcNow - lastWrite >= keepAlive)
                    {
                        // The client (and any proxy) must not take the retrying stream for a dead one.
                        await response.WriteAsync(": keep-alive\n\n", ct);
                        await response.Body.FlushAsync(ct);
                        lastWrite = DateTimeOffset.UtcNow;
                    }
                    await Task.Delay(retryDelay, ct);
                    continue;
                }

                if (!allowed)
                {
                    // Revoked mid-stream: nothing more is sent, not even what this poll brought.
                    log.StreamRevoked(ws, after);
                    await response.WriteAsync(": access revoked\n\n", ct);
                    break;
                }

                var text = new StringBuilder();
                if (batch.Events.Count == 0)
                {
                    // Polls are shorter than the keep-alive (to notice a revocation), so not every empty poll writes.
                    if (DateTimeOffset.UtcNow - lastWrite >= keepAlive) text.Append(": keep-alive\n\n");
                    // The buffer restarted below our position (its silo restarted): follow it from its end.
                    if (batch.LastId < after) after = batch.LastId;
                }
                // batch.Gap (a new activation after a failover no longer holds the events after `after`) needs
                // nothing here: the protocol has no gap event, and the batch already holds every event it still has.
                foreach (var item in batch.Events)
                {
                    text.Append("id: ").Append(item.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
                        .Append("event: ").Append(item.Name).Append('\n')
                        .Append("data: ").Append(item.Data.ToJsonString()).Append("\n\n");
                    after = Math.Max(after, item.Id);
                }
                if (text.Length == 0) continue;
                await response.WriteAsync(text.ToString(), ct);
                await response.Body.FlushAsync(ct);
                lastWrite = DateTimeOffset.UtcNow;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Client gone or silo stopping: end the response normally.
            log.StreamClosed(ws, after);
        }
    }

    /// <summary>
    /// Failures of a poll that pass once the cluster has settled: the grain's silo is gone or unreachable, the call
    /// was rejected on the way, or its response timed out (the silo died mid-call). Auth and workspace errors are
    /// not among them: they still end the stream.
    /// </summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        // Orleans gives "the grain's silo became unavailable" no type of its own: its message names it.
        OrleansException orleans => orleans.Message.Contains("became unavailable", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A usable Last-Event-ID, or null (absent or not ours): then the stream starts with new events.</summary>
    private static long? ParseLastEventId(string? raw) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
