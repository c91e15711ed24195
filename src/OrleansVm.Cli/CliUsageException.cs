using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>The caller's mistake (bad option, unreadable file): reported with exit status 2.</summary>
public sealed class CliUsageException(string code, string message, JsonObject? details = null)
    : Exception(message)
{
    public string Code { get; } = code;
    public JsonObject? Details { get; } = details;
}
