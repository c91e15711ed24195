using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Client;

/// <summary>
/// Every failure of an API call: the server's error code, message and details (http-api.md,
/// "Errors"), and the HTTP status. Transport failures use the codes <c>NETWORK_ERROR</c> and
/// <c>INVALID_RESPONSE</c> with status 0 or the status received.
/// </summary>
public sealed class OrleansVmApiException : Exception
{
    public OrleansVmApiException(HttpStatusCode status, string code, string message, JsonObject? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Code = code;
        Details = details;
    }

    public HttpStatusCode Status { get; }
    public string Code { get; }
    public JsonObject? Details { get; }

    public override string ToString() => $"{(int)Status} {Code}: {Message}";
}
