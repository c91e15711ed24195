using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Api;

/// <summary>Writes the error envelope <c>{"error":{"code","message","details"?}}</c>.</summary>
public static class ApiErrorWriter
{
    public static async Task WriteAsync(HttpResponse response, ApiError error)
    {
        var body = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Details is { Count: > 0 } details) body["details"] = details.DeepClone();
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (error.RetryAfterSeconds is { } retryAfter) response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.WriteAsync(new JsonObject { ["error"] = body }.ToJsonString(JsonSerializerOptions.Web), response.HttpContext.RequestAborted);
    }
}
