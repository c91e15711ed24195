using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// A failure the caller can act on, with a stable code (<see cref="ErrorCodes"/> or a sandbox
/// code). The HTTP layer maps the code to a status; anything else is a server fault. Serialized by
/// Orleans with its code and details, so a client sees the same exception a grain threw.
/// </summary>
[GenerateSerializer]
public sealed class OrleansVmException : Exception
{
    public OrleansVmException(string code, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Details = details;
    }

    [Id(0)]
    public string Code { get; private set; }

    [Id(1)]
    public JsonObject? Details { get; private set; }
}
