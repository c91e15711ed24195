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

    private static bool TryParse(string name, ArgumentResult result, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(result.Tokens.Single().Value);
            return true;
        }
        catch (JsonException e)
        {
            result.AddError($"{name} is not valid JSON: {e.Message}");
            node = null;
            return false;
        }
    }
}
