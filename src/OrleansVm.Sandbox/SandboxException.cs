using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox;

/// <summary>Every failure of the sandbox surfaces as this exception with a stable <see cref="Code"/>.</summary>
public sealed class SandboxException : Exception
{
    public SandboxException(string code, string message, JsonObject? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    /// <summary>A <see cref="SandboxErrorCodes"/> constant.</summary>
    public string Code { get; }

    /// <summary>E.g. <c>{"limit":"treeSize"}</c> or <c>{"line":3,"column":7}</c>.</summary>
    public JsonObject? Details { get; }

    internal static SandboxException Limit(string limit, string message) =>
        new(SandboxErrorCodes.LimitExceeded, message, new JsonObject { ["limit"] = limit });
}
