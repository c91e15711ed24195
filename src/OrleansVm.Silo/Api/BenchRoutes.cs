using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>
/// <c>POST /api/v1/_bench/echo</c>: returns the JSON body as is, the bare-HTTP baseline the event path
/// is measured against. No token and no grain; mapped only with <c>--enable-bench-endpoints</c>.
/// </summary>
public static class BenchRoutes
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/_bench/echo", async (HttpRequest request) =>
            Results.Bytes(await JsonBody.ReadBytesAsync(request), "application/json")).RequireAccess(ApiAccess.Anyone);
}
