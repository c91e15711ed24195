using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>Plugin instances of a workspace (a client of the workspace, or the operator).</summary>
public static class InstanceRoutes
{
    private const string Instance = "/workspaces/{ws}/instances/{instanceId}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workspaces/{ws}/instances", CreateAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Takes<CreateInstanceRequest>().Returns<CreatedInstanceResponse>(StatusCodes.Status201Created).Fails(400, 401, 404, 413, 422);
        api.MapGet("/workspaces/{ws}/instances", ListAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Returns<IReadOnlyList<InstanceListItem>>().Fails(401, 404);
        api.MapGet(Instance, GetAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Returns<InstanceResponse>().Fails(400, 401, 404, 422);
        api.MapGet(Instance + "/widgets/{widgetId}", RenderAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Returns<RenderResponse>().Fails(400, 401, 404, 422);
        api.MapPost(Instance + "/widgets/{widgetId}/events", SendEventAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Takes<SendEventRequest>().Returns<EventResponse>().Fails(400, 401, 404, 413, 422);
        api.MapGet(Instance + "/logs", LogsAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Returns<IReadOnlyList<LogLine>>().Fails(400, 401, 404);
        api.MapDelete(Instance, DeleteAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .ReturnsNoContent().Fails(400, 401, 404);
    }

    private static async Task<IResult> CreateAsync(string ws, HttpRequest request, IGrainFactory grains)
    {
        var body = await JsonBody.ReadAsync<CreateInstanceRequest>(request);
        RouteIds.RequirePackage(body.PackageId);
        if (body.Version is not null) RouteIds.RequireVersion(body.Version);
        var view = await grains.Ref<IWorkspaceGrain>(ws).CreateInstanceAsync(body.PackageId, body.Version);
        return Results.Created($"{ApiPaths.V1}/workspaces/{ws}/instances/{view.InstanceId}", CreatedInstanceResponse.From(view));
    }

    private static async Task<IResult> ListAsync(string ws, IGrainFactory grains) =>
        Results.Ok(await InstanceListing.ListAsync(grains, ws));

    private static async Task<IResult> GetAsync(string ws, string instanceId, IGrainFactory grains)
    {
        RouteIds.RequireInstance(instanceId);
        var view = await grains.Ref<IPluginInstanceGrain>(instanceId).GetAsync(ws);
        return Results.Ok(InstanceResponse.From(view));
    }

    private static async Task<IResult> RenderAsync(string ws, string instanceId, string widgetId, IGrainFactory grains)
    {
        RouteIds.RequireInstance(instanceId);
        RouteIds.RequireName(widgetId, "widgetId");
        var tree = await grains.Ref<IPluginInstanceGrain>(instanceId).RenderAsync(ws, widgetId);
        return Results.Ok(new RenderResponse(tree));
    }

    private static async Task<IResult> SendEventAsync(string ws, string instanceId, string widgetId, HttpRequest request, IGrainFactory grains)
    {
        RouteIds.RequireInstance(instanceId);
        RouteIds.RequireName(widgetId, "widgetId");
        var body = await JsonBody.ReadAsync<SendEventRequest>(request);
        RouteIds.RequireName(body.Handler, "handler");
        var outcome = await grains.Ref<IPluginInstanceGrain>(instanceId).HandleEventAsync(ws, widgetId, body.Handler, body.Args);
        return Results.Ok(outcome);
    }

    private static async Task<IResult> LogsAsync(string ws, string instanceId, IGrainFactory grains)
    {
        RouteIds.RequireInstance(instanceId);
        return Results.Ok(await grains.Ref<IPluginInstanceGrain>(instanceId).GetLogsAsync(ws));
    }

    private static async Task<IResult> DeleteAsync(string ws, string instanceId, IGrainFactory grains)
    {
        RouteIds.RequireInstance(instanceId);
        await grains.Ref<IWorkspaceGrain>(ws).RemoveInstanceAsync(instanceId);
        return Results.NoContent();
    }
}
