using OrleansVm.Silo.Api;
using OrleansVm.Silo.Telemetry;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// Guards the operator's pages outside the JSON API, before routing (the Prometheus endpoint is a plain request
/// delegate: endpoint filters would not run on it). <c>/metrics</c> is read by scrapers, which send the operator token
/// as a bearer, like any API client. <c>/dashboard</c> is a page a person opens in a browser, which cannot add a header;
/// there the token is exchanged once for <see cref="DashboardCookie"/>, which the page's own requests then carry:
/// <list type="bullet">
/// <item>a browser without the cookie gets <see cref="DashboardLoginPage"/>, which posts the token in a form body;</item>
/// <item><c>/dashboard?token=…</c> does the same in one step for a tool that already holds the token, and redirects
/// to <c>/dashboard/</c> so the token leaves the address bar at once.</item>
/// </list>
/// A bearer works there too (curl, tests). Client tokens get 403, no token 401, in the API's error envelope.
/// </summary>
public sealed class OperatorPageGate(RequestDelegate next, ApiAuthenticator authenticator, OperatorToken operatorToken, DashboardCookie cookie)
{
    private const string TokenQuery = "token";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isDashboard = path.StartsWithSegments(TelemetryPaths.Dashboard);
        // Every other request passes straight on: no async state machine on the API's hot path.
        return isDashboard || path.StartsWithSegments(TelemetryPaths.Metrics) ? GuardAsync(context, isDashboard) : next(context);
    }

    private async Task GuardAsync(HttpContext context, bool isDashboard)
    {
        var request = context.Request;
        try
        {
            if (isDashboard && !HasAuthorization(request))
            {
                if (HttpMethods.IsPost(request.Method) && request.Path.Equals(DashboardLoginPage.Path, StringComparison.Ordinal) && request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(context.RequestAborted);
                    await LogInAsync(context, form[DashboardLoginPage.TokenField].ToString(), fromForm: true);
                    return;
                }
                if (request.Query.TryGetValue(TokenQuery, out var token))
                {
                    await LogInAsync(context, token.ToString(), fromForm: false);
                    return;
                }
                if (cookie.IsPresentIn(request))
                {
                    await next(context);
                    return;
                }
                if (WantsPage(request))
                {
                    await DashboardLoginPage.WriteAsync(context.Response, rejected: false);
                    return;
                }
                throw new ApiException(401, ApiErrors.Unauthorized,
                    $"The dashboard needs the operator token: open {TelemetryPaths.Dashboard} in a browser, or send Authorization: Bearer.");
            }

            var caller = await authenticator.AuthenticateAsync(request);
            if (!caller.IsOperator) throw ApiErrors.OperatorOnly();
        }
        catch (ApiException ex)
        {
            await ApiErrorWriter.WriteAsync(context.Response, ErrorMapping.Map(ex));
            return;
        }

        await next(context);
    }

    /// <summary>The right token: the session cookie and a redirect (303 after the form's POST) to the dashboard.</summary>
    private async Task LogInAsync(HttpContext context, string token, bool fromForm)
    {
        if (!operatorToken.Matches(token))
        {
            if (fromForm || WantsPage(context.Request)) await DashboardLoginPage.WriteAsync(context.Response, rejected: true);
            else throw ApiErrors.UnknownToken();
            return;
        }
        cookie.AppendTo(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = fromForm ? StatusCodes.Status303SeeOther : StatusCodes.Status302Found;
        context.Response.Headers.Location = context.Request.PathBase + TelemetryPaths.Dashboard + "/";
    }

    private static bool HasAuthorization(HttpRequest request) => request.Headers.Authorization.Count != 0;

    // A browser navigating (Accept: text/html) gets the login page; scripts and scrapers get the JSON envelope.
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
