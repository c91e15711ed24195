using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox;

/// <summary>The outcome of one event: every intent in order, the local reducer results, the new state and kv map.</summary>
public sealed record EventResult(
    IReadOnlyList<PluginIntent> Intents,
    IReadOnlyList<LocalActionResult> LocalResults,
    JsonNode NewState,
    JsonObject Kv);
