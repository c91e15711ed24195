using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>The JSON shapes of cli.md for the sandbox's results.</summary>
internal static class SandboxJson
{
    public static JsonObject Metadata(PluginMetadata metadata) => new()
    {
        ["declaredId"] = metadata.DeclaredId,
        ["title"] = metadata.Title,
        ["description"] = metadata.Description,
        ["initialState"] = metadata.InitialState.DeepClone(),
        ["widgets"] = new JsonArray(metadata.Widgets.Select(widget => (JsonNode?)JsonValue.Create(widget)).ToArray()),
    };

    /// <summary><c>{scope, actionType, payload?, domain?}</c>: absent fields are left out.</summary>
    public static JsonObject Intent(PluginIntent intent)
    {
        var json = new JsonObject { ["scope"] = intent.Scope, ["actionType"] = intent.ActionType };
        if (intent.Payload is not null)
            json["payload"] = intent.Payload.DeepClone();
        if (intent.Domain is not null)
            json["domain"] = intent.Domain;
        return json;
    }

    public static JsonArray Intents(IEnumerable<PluginIntent> intents) =>
        new(intents.Select(intent => (JsonNode?)Intent(intent)).ToArray());
}
