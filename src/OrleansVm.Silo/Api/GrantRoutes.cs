using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>Per-package grants of a workspace (operator).</summary>
public static class GrantRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/workspaces/{ws}/grants/{packageId}", PutAsync).RequireAccess(ApiAccess.Operator)
            .Takes<GrantsRequest>().Returns<PackageGrantsResponse>().Fails(400, 401, 403, 404, 413);
        api.MapGet("/workspaces/{ws}/grants", ListAsync).RequireAccess(ApiAccess.Operator)
            .Returns<IReadOnlyList<PackageGrantsResponse>>().Fails(401, 403, 404);
    }

    private static async Task<IResult> PutAsync(string ws, string packageId, HttpRequest request, IGrainFactory grains)
    {
        RouteIds.RequirePackage(packageId);
        var body = await JsonBody.ReadAsync<GrantsRequest>(request);
        var grants = new Grants(
            NameLists.Require(body.ReadShared, "readShared"),
            NameLists.Require(body.WriteShared, "writeShared"),
            NameLists.Require(body.Modules, "modules"));
        var stored = await grains.Ref<IWorkspaceGrain>(ws).PutGrantsAsync(packageId, grants);
        return Results.Ok(PackageGrantsResponse.From(stored));
    }

    private static async Task<IResult> ListAsync(string ws, IGrainFactory grains)
    {
        var all = await grains.Ref<IWorkspaceGrain>(ws).ListGrantsAsync();
        return Results.Ok(all.Select(PackageGrantsResponse.From));
    }
}
