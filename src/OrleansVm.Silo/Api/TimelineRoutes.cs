using System.Globalization;
using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>The workspace's dispatch timeline, newest first.</summary>
public static class TimelineRoutes
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workspaces/{ws}/timeline", GetAsync).RequireAccess(ApiAccess.WorkspaceClient)
            .Returns<IReadOnlyList<DispatchRecord>>().Fails(400, 401, 404);

    private static async Task<IResult> GetAsync(string ws, HttpRequest request, IGrainFactory grains)
    {
        var limit = ParseLimit(request.Query["limit"]);
        return Results.Ok(await grains.Ref<IWorkspaceActivityGrain>(ws).GetTimelineAsync(limit));
    }

    /// <summary>Absent: all it keeps (200); 1..200 as given; anything else is a VALIDATION_ERROR.</summary>
    private static int ParseLimit(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return IWorkspaceActivityGrain.TimelineCapacity;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > IWorkspaceActivityGrain.TimelineCapacity)
            throw ApiErrors.Validation("limit", $"limit must be an integer from 1 to {IWorkspaceActivityGrain.TimelineCapacity}.");
        return limit;
    }
}
