namespace OrleansVm.Silo.Api.Contract;

/// <summary>
/// Declares what a route answers so the OpenAPI document (/openapi/v1.json) says it: the success body
/// and the error statuses, each with the error envelope. The routes keep returning <c>IResult</c>;
/// this is metadata only, and a test checks it against the real answers.
/// </summary>
public static class ContractMetadata
{
    private const string Json = "application/json";

    /// <summary>Statuses every route can answer whatever its input: a server fault, an unreachable owning silo.</summary>
    public static readonly int[] AnyRouteErrors = [StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable];

    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status, Json);

    /// <summary>
    /// The JSON body the route reads itself (with <c>JsonBody</c>, strictly), for the document only.
    /// Not <c>Accepts&lt;T&gt;</c>: that also constrains routing by Content-Type, and a request the
    /// body reader should answer (400, 413) would then find no route (404).
    /// </summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder route) where T : notnull =>
        route.WithMetadata(new RequestBodyMetadata(typeof(T)));

    public static RouteHandlerBuilder ReturnsNoContent(this RouteHandlerBuilder route) =>
        route.Produces(StatusCodes.Status204NoContent);

    /// <summary>The error statuses a route can answer besides <see cref="AnyRouteErrors"/>, each with the envelope.</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses) route.Produces<ApiErrorEnvelope>(status, Json);
        return route;
    }

    /// <summary>Adds <see cref="AnyRouteErrors"/> to every route of the group.</summary>
    public static RouteGroupBuilder FailsOnAnyRoute(this RouteGroupBuilder group)
    {
        foreach (var status in AnyRouteErrors)
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrorEnvelope), [Json]));
        return group;
    }
}

/// <summary>The type of the JSON body a route reads; only the OpenAPI document uses it (<see cref="ApiContract"/>).</summary>
public sealed record RequestBodyMetadata(Type BodyType);
