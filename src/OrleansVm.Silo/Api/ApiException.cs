using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Api;

/// <summary>An API error decided by the HTTP layer itself (auth, body, route ids), written as the error envelope.</summary>
public sealed class ApiException(int status, string code, string message, JsonObject? details = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public JsonObject? Details { get; } = details;
}
