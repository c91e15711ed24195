using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Ui;

/// <summary>Checks a rendered tree against the UI schema of plugin-contract.md, naming the path of the first fault.</summary>
internal sealed class UiTreeValidator(int maxNodes)
{
    private int _nodes;

    public static void Validate(JsonNode? root, int maxNodes) => new UiTreeValidator(maxNodes).Node(root, "root");

    private void Node(JsonNode? node, string path)
    {
        if (node is not JsonObject obj) throw Invalid($"{path} must be an object");
        if (++_nodes > maxNodes)
            throw SandboxException.Limit("treeSize", $"Render tree has more than {maxNodes} nodes");
        var kind = obj["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        if (kind is null) throw Invalid($"{path}.kind must be a string");
        switch (kind)
        {
            case "panel" or "row" or "column":
                if (Present(obj, "children") is { } children)
                {
                    if (children is not JsonArray list) throw Invalid($"{path}.children must be an array");
                    for (var i = 0; i < list.Count; i++) Node(list[i], $"{path}.children[{i}]");
                }
                break;
            case "text" or "badge":
                RequireString(obj, "text", path);
                break;
            case "button":
            {
                var props = Props(obj, path);
                RequireString(props, "label", $"{path}.props");
                OptionalEvent(props, "onClick", $"{path}.props");
                OptionalString(props, "variant", $"{path}.props");
                if (Present(props, "disabled") is { } disabled && !IsKind(disabled, JsonValueKind.True, JsonValueKind.False))
                    throw Invalid($"{path}.props.disabled must be a boolean");
                break;
            }
            case "input":
            {
                var props = Props(obj, path);
                RequireString(props, "value", $"{path}.props");
                OptionalString(props, "placeholder", $"{path}.props");
                OptionalEvent(props, "onChange", $"{path}.props");
                break;
            }
            case "counter":
            {
                var props = Props(obj, path);
                if (!IsKind(props["value"], JsonValueKind.Number)) throw Invalid($"{path}.props.value must be a number");
                OptionalEvent(props, "onIncrement", $"{path}.props");
                OptionalEvent(props, "onDecrement", $"{path}.props");
                break;
            }
            case "table":
            {
                var props = Props(obj, path);
                if (props["headers"] is not JsonArray headers || headers.Any(h => !IsKind(h, JsonValueKind.String)))
                    throw Invalid($"{path}.props.headers must be an array of strings");
                if (props["rows"] is not JsonArray rows) throw Invalid($"{path}.props.rows must be an array of arrays");
                for (var i = 0; i < rows.Count; i++)
                    if (rows[i] is not JsonArray) throw Invalid($"{path}.props.rows[{i}] must be an array");
                break;
            }
            default:
                throw Invalid($"{path}.kind '{kind}' is not supported");
        }
    }

    private static JsonObject Props(JsonObject node, string path) =>
        node["props"] as JsonObject ?? throw Invalid($"{path}.props must be an object");

    private static JsonNode? Present(JsonObject obj, string key) => obj.TryGetPropertyValue(key, out var v) ? v : null;

    private static bool IsKind(JsonNode? node, params JsonValueKind[] kinds) =>
        node is JsonValue value && kinds.Contains(value.GetValueKind());

    private static void RequireString(JsonObject obj, string key, string path)
    {
        if (!IsKind(obj[key], JsonValueKind.String)) throw Invalid($"{path}.{key} must be a string");
    }

    private static void OptionalString(JsonObject obj, string key, string path)
    {
        if (Present(obj, key) is { } v && !IsKind(v, JsonValueKind.String)) throw Invalid($"{path}.{key} must be a string");
    }

    private static void OptionalEvent(JsonObject obj, string key, string path)
    {
        if (Present(obj, key) is not { } v) return;
        if (v is not JsonObject eventRef) throw Invalid($"{path}.{key} must be an object {{handler, args?}}");
        if (eventRef["handler"] is not JsonValue h || h.GetValueKind() != JsonValueKind.String || h.GetValue<string>().Length == 0)
            throw Invalid($"{path}.{key}.handler must be a non-empty string");
    }

    private static SandboxException Invalid(string message) => new(SandboxErrorCodes.RenderInvalid, message);
}
