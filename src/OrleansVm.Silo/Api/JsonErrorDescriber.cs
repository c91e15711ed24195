using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Rewrites System.Text.Json's exceptions as 400 INVALID_REQUEST messages for API users: the JSON
/// field by its path, the kind of mistake, no .NET type names.
/// </summary>
public static partial class JsonErrorDescriber
{
    public static ApiException Describe(JsonException ex)
    {
        var message = ex.Message;
        var path = FieldPath(ex.Path);

        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var field = Join(path, unmapped.Groups[1].Value);
            return ApiErrors.BadBody($"Unknown field '{field}'.", field);
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Replace("'", "", StringComparison.Ordinal);
            var first = names.Split(',', StringSplitOptions.TrimEntries)[0];
            return ApiErrors.BadBody($"Missing required field '{Join(path, names)}'.", Join(path, first));
        }

        if (NullNotAllowed().Match(message) is { Success: true } nulled)
        {
            var field = Join(path, nulled.Groups[1].Value);
            return ApiErrors.BadBody($"Field '{field}' must not be null.", field);
        }

        if (WrongType().Match(message) is { Success: true } wrongType)
        {
            var expected = Describe(wrongType.Groups[1].Value);
            return path.Length == 0
                ? ApiErrors.BadBody($"The request body must be a JSON {expected}.")
                : ApiErrors.BadBody($"Field '{path}' has the wrong type (expected {expected}).", path);
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return ApiErrors.BadBody($"Duplicate field{(path.Length > 0 ? $" '{path}'" : "")}.", path.Length > 0 ? path : null);

        var reason = message.Split(" Path:", 2)[0].TrimEnd('.');
        return ApiErrors.BadBody($"Malformed JSON: {reason} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
    }

    private static string FieldPath(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Join(string parent, string name) =>
        parent.Length == 0 || parent.EndsWith(name, StringComparison.Ordinal) ? name : $"{parent}.{name}";

    private static string Describe(string dotnetType) => dotnetType switch
    {
        _ when dotnetType.Contains("List", StringComparison.Ordinal) || dotnetType.EndsWith("[]", StringComparison.Ordinal) => "array",
        _ when dotnetType.StartsWith("System.String", StringComparison.Ordinal) => "string",
        _ when dotnetType.StartsWith("System.Int", StringComparison.Ordinal) || dotnetType.StartsWith("System.UInt", StringComparison.Ordinal) => "integer",
        _ when dotnetType.StartsWith("System.Boolean", StringComparison.Ordinal) => "boolean",
        _ when dotnetType.StartsWith("System.Double", StringComparison.Ordinal) || dotnetType.StartsWith("System.Decimal", StringComparison.Ordinal) => "number",
        _ => "object",
    };

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("(?:property or field|constructor parameter|parameter) '([^']*)' .*doesn't allow (?:setting|getting|passing)? ?null")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex("The JSON value could not be converted to ([^ ]+?)\\.? Path")]
    private static partial Regex WrongType();
}
