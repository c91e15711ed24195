using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Rewrites System.Text.Json's exceptions as 400 INVALID_REQUEST messages for API users: the JSON
/// field by its path, the kind of mistake, the expected JSON type, no .NET type names.
/// </summary>
public static partial class JsonErrorDescriber
{
    public static ApiException Describe(JsonException ex, Type target)
    {
        var message = ex.Message;
        var path = FieldPath(ex.Path);

        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var field = path.Length > 0 ? path : unmapped.Groups[1].Value;
            return ApiErrors.BadBody($"Unknown field '{field}'.", field);
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Replace("'", "", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries);
            var fields = names.Select(name => Join(path, name)).ToList();
            return ApiErrors.BadBody($"Missing required field{(fields.Count > 1 ? "s" : "")} {string.Join(", ", fields.Select(f => $"'{f}'"))}.", fields[0]);
        }

        if (message.Contains("doesn't allow null", StringComparison.Ordinal) || message.Contains("does not allow null", StringComparison.Ordinal))
            return ApiErrors.BadBody($"Field '{path}' must not be null.", path);

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var expected = ExpectedJsonType(target, path);
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

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>Follows a JSON path (<c>a.b[0]</c>) through the request type's properties to name the JSON type expected there.</summary>
    private static string ExpectedJsonType(Type root, string path)
    {
        var type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type) ?? typeof(object);
                continue;
            }
            var name = segment.Groups["name"].Value;
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == name);
            if (property is null) return "value";
            type = property.PropertyType;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(double) || type == typeof(decimal) => "number",
            _ when typeof(JsonNode).IsAssignableFrom(type) => "value",
            _ when ElementType(type) is not null => "array",
            _ => "object",
        };
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*?)\\.?( Path|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
