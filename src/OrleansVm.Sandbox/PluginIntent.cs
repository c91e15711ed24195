using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox;

/// <summary>An action a handler dispatched. <see cref="Scope"/> is "plugin" or "shared"; shared intents carry a domain.</summary>
public sealed record PluginIntent(string Scope, string ActionType, JsonNode? Payload, string? Domain)
{
    public const string PluginScope = "plugin";
    public const string SharedScope = "shared";
}
