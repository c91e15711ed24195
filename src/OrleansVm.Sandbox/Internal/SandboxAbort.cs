using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Thrown from host code running inside a script to end the whole call. It is not a
/// JavaScriptException, so a script's try/catch cannot swallow it.
/// </summary>
internal sealed class SandboxAbort(SandboxException error) : Exception(error.Message)
{
    public SandboxException Error { get; } = error;

    public static SandboxAbort Limit(string limit, string message) => new(SandboxException.Limit(limit, message));

    public static SandboxAbort Of(string code, string message, JsonObject? details = null) =>
        new(new SandboxException(code, message, details));
}
