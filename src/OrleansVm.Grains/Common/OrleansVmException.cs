using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// A failure the caller can act on, with a stable code (<see cref="ErrorCodes"/> or a sandbox
/// code). The HTTP layer maps the code to a status; anything else is a server fault.
/// </summary>
public sealed class OrleansVmException(string code, string message, JsonObject? details = null) : Exception(message)
{
    public string Code { get; } = code;
    public JsonObject? Details { get; } = details;
}
