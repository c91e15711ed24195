using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox;

/// <summary>What a plugin declares about itself, read once at load.</summary>
public sealed record PluginMetadata(
    string? DeclaredId,
    string Title,
    string Description,
    JsonNode InitialState,
    IReadOnlyList<string> Widgets);
