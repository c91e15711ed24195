using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Ui;

/// <summary>Checks a rendered tree against the UI schema of plugin-contract.md, naming the path of the first fault.</summary>
internal sealed class UiTreeValidator(int maxNodes)
{
    private int _nodes;

    // Child indices from the root; the path text ("root.children[1].props") is built only for an
    // error message (formatting it for every node was most of this check's cost).
    private readonly List<int> _indices = [];

    public static void Validate(JsonNode? root, int maxNodes) => new UiTreeValidator(maxNodes).Node(root);

    private void Node(JsonNode? node)
    {
        if (node is not JsonObject obj) throw Invalid("must be an object");
        if (++_nodes > maxNodes)
            throw SandboxException.Limit("treeSize", $"Render tree has more than {maxNodes} nodes");
        var kind = obj["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        if (kind is null) throw Invalid(".kind must be a string");
        UnknownFields.Drop(obj, kind);
        switch (kind)
        {
            case "panel" or "row" or "column":
                if (Present(obj, "children") is { } children)
                {
                    if (children is not JsonArray list) throw Invalid(".children must be an array");
                    for (var i = 0; i < list.Count; i++)
                    {
                        _indices.Add(i);
                        Node(list[i]);
                        _indices.RemoveAt(_indices.Count - 1);
                    }
                }
                break;
            case "text" or "badge":
                RequireString(obj, "text", "");
                break;
            case "button":
            {
                var props = Props(obj);
                RequireString(props, "label", ".props");
                OptionalEvent(props, "onClick");
                OptionalString(props, "variant", ".props");
                if (Present(props, "disabled") is { } disabled && !IsKind(disabled, JsonValueKind.True, JsonValueKind.False))
                    throw Invalid(".props.disabled must be a boolean");
                break;
            }
            case "input":
            {
                var props = Props(obj);
                RequireString(props, "value", ".props");
                OptionalString(props, "placeholder", ".props");
                OptionalEvent(props, "onChange");
                break;
            }
            case "counter":
            {
                var props = Props(obj);
                if (!IsKind(props["value"], JsonValueKind.Number)) throw Invalid(".props.value must be a number");
                OptionalEvent(props, "onIncrement");
                OptionalEvent(props, "onDecrement");
                break;
            }
            case "table":
            {
                var props = Props(obj);
                if (props["headers"] is not JsonArray headers || headers.Any(h => !IsKind(h, JsonValueKind.String)))
                    throw Invalid(".props.headers must be an array of strings");
                if (props["rows"] is not JsonArray rows) throw Invalid(".props.rows must be an array of arrays");
                for (var i = 0; i < rows.Count; i++)
                    if (rows[i] is not JsonArray) throw Invalid($".props.rows[{i}] must be an array");
                break;
            }
            default:
                throw Invalid($".kind '{kind}' is not supported");
        }
    }

    private JsonObject Props(JsonObject node) =>
        node["props"] as JsonObject ?? throw Invalid(".props must be an object");

    private static JsonNode? Present(JsonObject obj, string key) => obj.TryGetPropertyValue(key, out var v) ? v : null;

    private static bool IsKind(JsonNode? node, params JsonValueKind[] kinds) =>
        node is JsonValue value && kinds.Contains(value.GetValueKind());

    private void RequireString(JsonObject obj, string key, string at)
    {
        if (!IsKind(obj[key], JsonValueKind.String)) throw Invalid($"{at}.{key} must be a string");
    }

    private void OptionalString(JsonObject obj, string key, string at)
    {
        if (Present(obj, key) is { } v && !IsKind(v, JsonValueKind.String)) throw Invalid($"{at}.{key} must be a string");
    }

    private void OptionalEvent(JsonObject obj, string key)
    {
        if (Present(obj, key) is not { } v) return;
        if (v is not JsonObject eventRef) throw Invalid($".props.{key} must be an object {{handler, args?}}");
        UnknownFields.DropFromEventRef(eventRef);
        if (eventRef["handler"] is not JsonValue h || h.GetValueKind() != JsonValueKind.String || h.GetValue<string>().Length == 0)
            throw Invalid($".props.{key}.handler must be a non-empty string");
    }

    /// <summary>The fault, after the current node's path; <paramref name="detail"/> starts with "." or " ".</summary>
    private SandboxException Invalid(string detail)
    {
        var path = new System.Text.StringBuilder("root");
        foreach (var i in _indices) path.Append(".children[").Append(i).Append(']');
        return new(SandboxErrorCodes.RenderInvalid, path + (detail.StartsWith('.') ? detail : " " + detail));
    }
}
