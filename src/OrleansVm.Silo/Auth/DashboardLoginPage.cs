using OrleansVm.Silo.Telemetry;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// What a browser without the dashboard's session gets at /dashboard: a 401 page with one password field that posts the
/// operator token to <see cref="Path"/> (form body: the token is never in an address, the history or a log line).
/// Static text only; nothing from the request is echoed.
/// </summary>
public static class DashboardLoginPage
{
    public const string Path = TelemetryPaths.Dashboard + "/login";
    public const string TokenField = "token";

    public static async Task WriteAsync(HttpResponse response, bool rejected)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        await response.WriteAsync(Html(rejected), response.HttpContext.RequestAborted);
    }

    private static string Html(bool rejected) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>OrleansVm dashboard: operator token</title>
        <style>body{font-family:system-ui,sans-serif;background:#1f2327;color:#ddd;display:flex;justify-content:center;padding-top:12vh}
        form{background:#2b3035;padding:2rem;border-radius:6px;min-width:22rem}input{width:100%;padding:.5rem;margin:.75rem 0;box-sizing:border-box}
        button{padding:.5rem 1.2rem}.error{color:#f77}</style></head>
        <body><form method="post" action="{{Path}}">
        <h1>Orleans Dashboard</h1>
        <p>The dashboard is for the operator of this silo.</p>
        {{(rejected ? "<p class=\"error\" role=\"alert\">That is not the operator token.</p>" : "")}}
        <label for="token">Operator token</label>
        <input id="token" name="{{TokenField}}" type="password" autocomplete="current-password" required autofocus>
        <button type="submit">Open the dashboard</button>
        </form></body></html>
        """;
}
