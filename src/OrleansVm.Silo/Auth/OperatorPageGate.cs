using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using OrleansVm.Silo.Api;
using OrleansVm.Silo.Telemetry;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// Guards the operator's pages outside the JSON API, before routing (the Prometheus endpoint is a plain request
/// delegate: endpoint filters would not run on it). <c>/metrics</c> is read by scrapers, which send the operator token
/// as a bearer, like any API client. <c>/dashboard</c> is a page a person opens in a browser, which cannot add a header:
/// <c>/dashboard?token=&lt;operator token&gt;</c> sets <see cref="DashboardCookie"/> and redirects to <c>/dashboard/</c>,
/// so the token leaves the address bar and history at once and the dashboard's own requests carry the cookie.
/// A bearer works there too (curl, tests). Client tokens get 403, no token 401, in the API's error envelope.
/// </summary>
public sealed class OperatorPageGate(RequestDelegate next, ApiAuthenticator authenticator, OperatorToken operatorToken, DashboardCookie cookie)
{
    private const string TokenQuery = "token";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isMetrics = path.StartsWithSegments(TelemetryPaths.Metrics);
        var isDashboard = path.StartsWithSegments(TelemetryPaths.Dashboard);
        if (!isMetrics && !isDashboard)
        {
            await next(context);
            return;
        }

        try
        {
            if (isDashboard && context.Request.Query.TryGetValue(TokenQuery, out var token))
            {
                if (!operatorToken.Matches(token.ToString())) throw ApiErrors.UnknownToken();
                cookie.AppendTo(context.Response);
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Redirect(UriHelper.BuildRelative(context.Request.PathBase, TelemetryPaths.Dashboard + "/"));
                return;
            }

            var hasSession = isDashboard && !HasAuthorization(context.Request) && cookie.IsPresentIn(context.Request);
            if (!hasSession) await RequireOperatorAsync(context.Request, isDashboard);
        }
        catch (ApiException ex)
        {
            await ApiErrorWriter.WriteAsync(context.Response, ErrorMapping.Map(ex));
            return;
        }

        await next(context);
    }

    private async Task RequireOperatorAsync(HttpRequest request, bool isDashboard)
    {
        if (isDashboard && !HasAuthorization(request))
            throw new ApiException(401, ApiErrors.Unauthorized,
                $"The dashboard needs the operator token: open {TelemetryPaths.Dashboard}?token=<operator token> once (it sets a session cookie), or send Authorization: Bearer.");
        var caller = await authenticator.AuthenticateAsync(request);
        if (!caller.IsOperator) throw ApiErrors.OperatorOnly();
    }

    private static bool HasAuthorization(HttpRequest request) => request.Headers.Authorization.Count != 0;
}
