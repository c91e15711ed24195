using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>Shared domains of a workspace: define custom ones, list, read raw state (operator).</summary>
public static class DomainRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/workspaces/{ws}/domains/{domain}", DefineAsync).RequireAccess(ApiAccess.Operator)
            .Takes<DefineDomainRequest>().Returns<DomainSummary>(StatusCodes.Status201Created).Returns<DomainSummary>().Fails(400, 401, 403, 404, 409, 413, 422);
        api.MapGet("/workspaces/{ws}/domains", ListAsync).RequireAccess(ApiAccess.Operator)
            .Returns<IReadOnlyList<DomainSummary>>().Fails(401, 403, 404);
        api.MapGet("/workspaces/{ws}/domains/{domain}", GetAsync).RequireAccess(ApiAccess.Operator)
            .Returns<DomainStateResponse>().Fails(400, 401, 403, 404);
    }

    private static async Task<IResult> DefineAsync(string ws, string domain, HttpRequest request, IGrainFactory grains)
    {
        RouteIds.RequireDomain(domain);
        var body = await JsonBody.ReadAsync<DefineDomainRequest>(request);
        var created = await grains.Ref<IWorkspaceGrain>(ws).DefineDomainAsync(domain, body.Code);
        var summary = new DomainSummary(domain, BuiltIn: false, ReadOnly: false);
        return created ? Results.Created($"{ApiPaths.V1}/workspaces/{ws}/domains/{domain}", summary) : Results.Ok(summary);
    }

    private static async Task<IResult> ListAsync(string ws, IGrainFactory grains) =>
        Results.Ok(await grains.Ref<IWorkspaceGrain>(ws).ListDomainsAsync());

    private static async Task<IResult> GetAsync(string ws, string domain, IGrainFactory grains)
    {
        RouteIds.RequireDomain(domain);
        // The domain grain does not know whether its workspace exists; ask the workspace first.
        if (await grains.Ref<IWorkspaceGrain>(ws).GetInfoAsync() is null) throw ApiErrors.WorkspaceNotFound(ws);
        var view = await grains.Ref<ISharedDomainGrain>($"{ws}/{domain}").GetRawAsync()
            ?? throw new OrleansVmException(ErrorCodes.DomainNotFound, $"Domain '{domain}' does not exist in workspace '{ws}'.");
        return Results.Ok(new DomainStateResponse(view.Domain, view.BuiltIn, view.ReadOnly, view.State));
    }
}
