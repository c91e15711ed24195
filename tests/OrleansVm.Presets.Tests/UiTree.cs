using System.Text.Json.Nodes;

namespace OrleansVm.Presets.Tests;

/// <summary>Queries over a rendered UI tree (plugin-contract.md's schema), depth first.</summary>
internal static class UiTree
{
    public static IEnumerable<JsonObject> Nodes(JsonNode tree)
    {
        var node = tree.AsObject();
        yield return node;
        if (node["children"] is JsonArray children)
        {
            foreach (var child in children)
            {
                foreach (var descendant in Nodes(child!))
                    yield return descendant;
            }
        }
    }

    public static IEnumerable<JsonObject> OfKind(JsonNode tree, string kind) =>
        Nodes(tree).Where(node => (string?)node["kind"] == kind);

    public static List<string> Texts(JsonNode tree) => OfKind(tree, "text").Select(n => (string)n["text"]!).ToList();

    public static List<string> Badges(JsonNode tree) => OfKind(tree, "badge").Select(n => (string)n["text"]!).ToList();

    public static List<string> ButtonLabels(JsonNode tree) =>
        OfKind(tree, "button").Select(n => (string)n["props"]!["label"]!).ToList();

    public static JsonObject Button(JsonNode tree, string label) =>
        OfKind(tree, "button").Single(n => (string?)n["props"]!["label"] == label);

    public static JsonObject Single(JsonNode tree, string kind) => OfKind(tree, kind).Single();
}
