using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>Workspaces and their client tokens (operator).</summary>
public static class WorkspaceRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workspaces", CreateAsync).RequireAccess(ApiAccess.Operator)
            .Takes<CreateWorkspaceRequest>().Returns<WorkspaceInfo>(StatusCodes.Status201Created).Fails(400, 401, 403, 409, 413);
        api.MapGet("/workspaces", ListAsync).RequireAccess(ApiAccess.Operator)
            .Returns<IReadOnlyList<WorkspaceInfo>>().Fails(401, 403);
        api.MapPost("/workspaces/{ws}/tokens", CreateTokenAsync).RequireAccess(ApiAccess.Operator)
            .Takes<CreateTokenRequest>().Returns<CreatedToken>(StatusCodes.Status201Created).Fails(400, 401, 403, 404, 413);
        api.MapDelete("/workspaces/{ws}/tokens/{tokenId}", RevokeTokenAsync).RequireAccess(ApiAccess.Operator)
            .ReturnsNoContent().Fails(400, 401, 403, 404);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains)
    {
        var body = await JsonBody.ReadAsync<CreateWorkspaceRequest>(request);
        RouteIds.RequireWorkspace(body.WorkspaceId);
        var info = await grains.Ref<IWorkspaceGrain>(body.WorkspaceId).CreateAsync();
        return Results.Created($"{ApiPaths.V1}/workspaces/{info.WorkspaceId}", info);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Results.Ok(await grains.Ref<IWorkspaceCatalogGrain>(IWorkspaceCatalogGrain.Key).ListAsync());

    private static async Task<IResult> CreateTokenAsync(string ws, HttpRequest request, IGrainFactory grains)
    {
        await JsonBody.ReadAsync(request, emptyAs: new CreateTokenRequest());
        var created = await grains.Ref<IWorkspaceGrain>(ws).CreateTokenAsync();
        return Results.Created((string?)null, created);
    }

    private static async Task<IResult> RevokeTokenAsync(string ws, string tokenId, IGrainFactory grains)
    {
        RouteIds.RequireName(tokenId, "tokenId");
        await grains.Ref<IWorkspaceGrain>(ws).RevokeTokenAsync(tokenId);
        return Results.NoContent();
    }
}
