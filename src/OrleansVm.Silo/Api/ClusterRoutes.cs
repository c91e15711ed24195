using OrleansVm.Sandbox;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Api;

/// <summary>Health (anyone) and the native-module catalog (any token).</summary>
public static class ClusterRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/health", (ClusterView cluster) =>
            Results.Ok(new HealthResponse("ok", cluster.LocalSiloId, cluster.Silos()))).RequireAccess(ApiAccess.Anyone)
            .Returns<HealthResponse>();
        api.MapGet("/modules", (NativeModuleRegistry modules) =>
            Results.Ok(modules.All.Select(m => new NativeModuleResponse(m.Name, m.Doc)))).RequireAccess(ApiAccess.AnyToken)
            .Returns<IReadOnlyList<NativeModuleResponse>>().Fails(401);
    }
}
