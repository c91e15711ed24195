using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Ui;

/// <summary>
/// Drops the fields the UI schema (plugin-contract.md) does not name from a rendered node, its props and its
/// event references, before the tree leaves the sandbox: a plugin's extra data never reaches a response or a
/// client (issue 12: "unknown fields rejected or dropped, never passed through"). Dropped rather than rejected,
/// so plugins that carry harmless extras (a `key`, a `style`) keep rendering. The tree is the sandbox's own
/// fresh conversion, so changing it in place is safe.
/// </summary>
internal static class UnknownFields
{
    private static readonly string[] Container = ["kind", "children"];
    private static readonly string[] Text = ["kind", "text"];
    private static readonly string[] WithProps = ["kind", "props"];

    private static readonly Dictionary<string, string[]> PropsByKind = new(StringComparer.Ordinal)
    {
        ["button"] = ["label", "onClick", "variant", "disabled"],
        ["input"] = ["value", "placeholder", "onChange"],
        ["counter"] = ["value", "onIncrement", "onDecrement"],
        ["table"] = ["headers", "rows"],
    };

    private static readonly string[] EventRef = ["handler", "args"];

    /// <summary>Keeps only the node's schema fields for <paramref name="kind"/>; an unsupported kind is left for the validator to reject.</summary>
    public static void Drop(JsonObject node, string kind)
    {
        switch (kind)
        {
            case "panel" or "row" or "column":
                Keep(node, Container);
                break;
            case "text" or "badge":
                Keep(node, Text);
                break;
            default:
                if (!PropsByKind.TryGetValue(kind, out var props)) return;
                Keep(node, WithProps);
                if (node["props"] is JsonObject propsObject) Keep(propsObject, props);
                break;
        }
    }

    public static void DropFromEventRef(JsonObject eventRef) => Keep(eventRef, EventRef);

    private static void Keep(JsonObject obj, string[] allowed)
    {
        List<string>? unknown = null;
        foreach (var (key, _) in obj)
        {
            if (Array.IndexOf(allowed, key) < 0) (unknown ??= []).Add(key);
        }
        if (unknown is null) return;
        foreach (var key in unknown) obj.Remove(key);
    }
}
