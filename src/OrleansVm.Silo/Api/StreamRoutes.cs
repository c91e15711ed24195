using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
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
/// </summary>
public static class StreamRoutes
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workspaces/{ws}/stream", StreamAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").Fails(401, 404);

    private static async Task StreamAsync(string ws, HttpContext http, IGrainFactory grains, IHostApplicationLifetime lifetime, IOptions<SiloSettings> settings, ApiAuthenticator authenticator)
    {
        var access = new StreamAccessCheck(http.Request, authenticator);
        var events = grains.GetGrain<IWorkspaceEventsGrain>(ws);
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
            await response.WriteAsync(": connected\n\n", ct);
            await response.Body.FlushAsync(ct);
            var lastWrite = DateTimeOffset.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                // The grain call itself cannot be cancelled; stop waiting for it instead (it ends within the wait).
                var batch = await events.ReadAsync(after, access.Wait(keepAlive)).WaitAsync(ct);
                if (!await access.StillAllowedAsync())
                {
                    // Revoked mid-stream: nothing more is sent, not even what this poll brought.
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
        }
    }

    /// <summary>A usable Last-Event-ID, or null (absent or not ours): then the stream starts with new events.</summary>
    private static long? ParseLastEventId(string? raw) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
