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
/// the stream starts; the stream ends cleanly when the client leaves or the silo stops.
/// </summary>
public static class StreamRoutes
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workspaces/{ws}/stream", StreamAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").Fails(401, 404);

    private static async Task StreamAsync(string ws, HttpContext http, IGrainFactory grains, IHostApplicationLifetime lifetime, IOptions<SiloSettings> settings)
    {
        var events = grains.GetGrain<IWorkspaceEventsGrain>(ws);
        var after = ParseLastEventId(http.Request.Headers["Last-Event-ID"]) ?? await events.GetLastIdAsync();
        var keepAlive = TimeSpan.FromSeconds(Math.Max(1, settings.Value.Limits.StreamKeepAliveSeconds));

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
            while (!ct.IsCancellationRequested)
            {
                // The grain call itself cannot be cancelled; stop waiting for it instead (it ends within keepAlive).
                var batch = await events.ReadAsync(after, keepAlive).WaitAsync(ct);
                var text = new StringBuilder();
                if (batch.Events.Count == 0)
                {
                    text.Append(": keep-alive\n\n");
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
                await response.WriteAsync(text.ToString(), ct);
                await response.Body.FlushAsync(ct);
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
