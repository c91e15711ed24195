using System.Text.Json.Nodes;
using OrleansVm.Grains;

namespace OrleansVm.Silo.Api;

/// <summary>The errors the HTTP layer raises, with the codes of http-api.md.</summary>
public static class ApiErrors
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string Internal = "INTERNAL";

    public static ApiException BadBody(string message, string? field = null) =>
        new(400, InvalidRequest, message, field is null ? null : new JsonObject { ["field"] = field });

    public static ApiException Validation(string field, string message) =>
        new(400, ErrorCodes.ValidationError, message, new JsonObject { ["field"] = field });

    public static ApiException NoToken() =>
        new(401, Unauthorized, "A bearer token is required (Authorization: Bearer <token>).");

    public static ApiException UnknownToken() =>
        new(401, Unauthorized, "The token is unknown or was revoked.");

    public static ApiException OperatorOnly() =>
        new(403, Forbidden, "This route needs the operator token; a client token cannot use it.");

    public static ApiException TooLarge(long limit) =>
        new(413, PayloadTooLarge, $"The request body is larger than {limit} bytes.", new JsonObject { ["limit"] = limit });

    /// <summary>Same answer as for a workspace that does not exist: a tenant learns nothing about others.</summary>
    public static ApiException WorkspaceNotFound(string workspaceId) =>
        new(404, ErrorCodes.WorkspaceNotFound, $"Workspace '{workspaceId}' does not exist.");

    public static ApiException RouteNotFound(string method, string path) =>
        new(404, ErrorCodes.NotFound, $"No API route {method} {path}.");
}
