using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual),
                    $"expected {expected?.ToJsonString()}{Environment.NewLine}  actual {actual?.ToJsonString()}");
    }

    /// <summary>Compares intents as <c>{scope, actionType, payload?, domain?}</c> objects.</summary>
    public static void Intents(string expectedJson, IEnumerable<PluginIntent> intents) =>
        Equal(expectedJson, new JsonArray(intents.Select(IntentJson).ToArray()));

    private static JsonNode IntentJson(PluginIntent intent)
    {
        var json = new JsonObject { ["scope"] = intent.Scope, ["actionType"] = intent.ActionType };
        if (intent.Payload is not null)
            json["payload"] = intent.Payload.DeepClone();
        if (intent.Domain is not null)
            json["domain"] = intent.Domain;
        return json;
    }
}
