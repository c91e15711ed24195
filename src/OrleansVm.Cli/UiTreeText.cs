using System.Text;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>A rendered UI tree as indented lines, one node each, for people (<c>--json</c> has the tree itself).</summary>
internal static class UiTreeText
{
    public static string Format(JsonNode tree)
    {
        var text = new StringBuilder();
        Append(tree, 0, text);
        return text.ToString().TrimEnd();
    }

    private static void Append(JsonNode? node, int depth, StringBuilder text)
    {
        if (node is not JsonObject obj) return;
        text.Append(' ', depth * 2).Append(obj["kind"]?.ToString() ?? "?");
        var props = obj["props"] as JsonObject;
        foreach (var label in new[] { obj["text"], props?["label"], props?["value"] })
        {
            if (label is not null) text.Append(' ').Append(label.ToJsonString());
        }
        foreach (var (name, value) in props ?? [])
        {
            if (value is JsonObject { } reference && reference["handler"] is { } handler) text.Append($" {name}→{handler}");
        }
        text.AppendLine();
        foreach (var child in obj["children"] as JsonArray ?? []) Append(child, depth + 1, text);
    }
}
