using System.Text.Json.Nodes;

namespace OrleansVm.Testing;

/// <summary>Reading a rendered UI tree in assertions.</summary>
public static class UiTrees
{
    /// <summary>Every `text` of a UI tree, depth first.</summary>
    public static List<string> Texts(JsonNode? node)
    {
        var texts = new List<string>();
        Walk(node, texts);
        return texts;
    }

    private static void Walk(JsonNode? node, List<string> texts)
    {
        if (node is not JsonObject o) return;
        if (o["text"] is JsonValue text) texts.Add(text.ToString());
        if (o["children"] is JsonArray children)
            foreach (var child in children) Walk(child, texts);
    }
}
