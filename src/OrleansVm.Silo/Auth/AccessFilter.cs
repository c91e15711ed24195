using OrleansVm.Grains;
using OrleansVm.Silo.Api;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// Enforces a route's <see cref="ApiAccess"/> before its handler runs, in this order: token (401),
/// role (403), workspace scope (404 as if missing), workspace id syntax (400), workspace existence (404).
/// </summary>
public sealed class AccessFilter(ApiAccess access) : IEndpointFilter
{
    public const string WorkspaceRouteValue = "ws";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (access == ApiAccess.Anyone) return await next(context);

        var caller = await http.RequestServices.GetRequiredService<ApiAuthenticator>().AuthenticateAsync(http.Request);
        http.Items[typeof(ApiCaller)] = caller;

        if (access == ApiAccess.Operator && !caller.IsOperator) throw ApiErrors.OperatorOnly();

        if (http.Request.RouteValues[WorkspaceRouteValue] is string workspaceId)
        {
            if (!caller.MayUse(workspaceId)) throw ApiErrors.WorkspaceNotFound(workspaceId);
            RouteIds.RequireWorkspace(workspaceId);
            // A client token was just checked by its (existing) workspace; the operator's route may name any.
            if (access == ApiAccess.WorkspaceClient && caller.IsOperator)
            {
                // Workspaces are never deleted: one seen to exist is not asked again.
                var known = http.RequestServices.GetRequiredService<KnownWorkspaces>();
                if (!known.Contains(workspaceId))
                {
                    var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
                    if (await grains.Ref<IWorkspaceGrain>(workspaceId).GetInfoAsync() is null)
                        throw ApiErrors.WorkspaceNotFound(workspaceId);
                    known.Add(workspaceId);
                }
            }
        }

        return await next(context);
    }
}

public static class AccessFilterExtensions
{
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, ApiAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AccessFilter(access));
}
