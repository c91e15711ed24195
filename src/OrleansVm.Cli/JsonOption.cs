using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>
/// Options whose value is JSON text. Malformed JSON is a parse error, so it is reported like any
/// other usage error (exit status 2) before the command runs.
/// </summary>
internal static class JsonOption
{
    public static Option<JsonArgument?> Any(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "json",
        CustomParser = result => TryParse(name, result, out var node) ? new JsonArgument(node) : null,
    };

    public static Option<JsonArgument?> Object(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "json",
        CustomParser = result =>
        {
            if (!TryParse(name, result, out var node))
                return null;
            if (node is JsonObject)
                return new JsonArgument(node);
            result.AddError($"{name} must be a JSON object");
            return null;
        },
    };

    // Duplicate keys are refused while parsing; a lazily parsed JsonObject would otherwise throw a .NET
    // ArgumentException much later, inside the run (issue 12).
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static bool TryParse(string name, ArgumentResult result, out JsonNode? node)
    {
        node = null;
        try
        {
            var parsed = JsonNode.Parse(result.Tokens.Single().Value, documentOptions: Strict);
            if (FirstNonFinite(parsed, "") is { } path)
            {
                result.AddError($"{name} has a number out of range at '{path}' (JSON numbers must fit a 64-bit float)");
                return false;
            }
            node = parsed;
            return true;
        }
        catch (JsonException e)
        {
            result.AddError($"{name} is not valid JSON: {e.Message}");
            return false;
        }
        catch (ArgumentException)
        {
            result.AddError($"{name} is not valid JSON: an object has a duplicate key");
            return false;
        }
    }

    /// <summary>The path of the first number a double cannot carry (<c>1e400</c>), or null. Depth is bounded by the parser (64).</summary>
    private static string? FirstNonFinite(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (FirstNonFinite(value, path.Length == 0 ? key : $"{path}.{key}") is { } found) return found;
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FirstNonFinite(array[i], $"{path}[{i}]") is { } found) return found;
                }
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                return value.TryGetValue<double>(out var d) && double.IsFinite(d) ? null : path.Length == 0 ? "(value)" : path;
            default:
                return null;
        }
    }
}
