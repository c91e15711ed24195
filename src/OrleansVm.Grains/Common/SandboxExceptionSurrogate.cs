using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// How a <see cref="SandboxException"/> (a plugin that does not load, a limit hit) crosses a grain
/// boundary: the Sandbox project knows nothing of Orleans, so its exception travels as this
/// surrogate and arrives as the same type with the same code, message and details.
/// </summary>
[GenerateSerializer]
public struct SandboxExceptionSurrogate
{
    [Id(0)] public string Code;
    [Id(1)] public string Message;
    [Id(2)] public JsonObject? Details;
}

[RegisterConverter]
public sealed class SandboxExceptionConverter : IConverter<SandboxException, SandboxExceptionSurrogate>
{
    public SandboxException ConvertFromSurrogate(in SandboxExceptionSurrogate surrogate) =>
        new(surrogate.Code, surrogate.Message, surrogate.Details);

    public SandboxExceptionSurrogate ConvertToSurrogate(in SandboxException value) =>
        new() { Code = value.Code, Message = value.Message, Details = value.Details };
}
