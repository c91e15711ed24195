using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Contract;

/// <summary>
/// Checks a JSON value against a schema of the OpenAPI document: the subset ASP.NET Core emits
/// (type, properties, required, items, $ref, oneOf/anyOf, enum). Stricter than JSON Schema on one
/// point on purpose: a property the schema does not declare is an error, so the document cannot
/// miss a field the server sends.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonObject document)
{
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schemaNode, string path, List<string> errors)
    {
        var schema = Resolve(schemaNode);
        if (schema["oneOf"] is JsonArray oneOf) { CheckAlternatives(value, oneOf, path, errors); return; }
        if (schema["anyOf"] is JsonArray anyOf) { CheckAlternatives(value, anyOf, path, errors); return; }

        var kind = KindOf(value);
        var types = TypesOf(schema);
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            errors.Add($"{path}: {kind} where the schema says {string.Join("|", types)}");
            return;
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {values.ToJsonString()}");

        if (value is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(required)) errors.Add($"{path}: required '{required}' is missing");
            }
            foreach (var (name, child) in obj)
            {
                if (properties[name] is { } propertySchema) Check(child, propertySchema, $"{path}.{name}", errors);
                else errors.Add($"{path}: '{name}' is sent but not in the schema");
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{path}[{i}]", errors);
        }
    }

    private void CheckAlternatives(JsonNode? value, JsonArray alternatives, string path, List<string> errors)
    {
        var failures = alternatives.Select(a => Validate(value, a!)).ToList();
        if (failures.All(f => f.Count > 0)) errors.Add($"{path}: matches none of the alternatives ({string.Join("; ", failures.SelectMany(f => f))})");
    }

    private JsonObject Resolve(JsonNode schema)
    {
        var current = schema.AsObject();
        while (current["$ref"]?.GetValue<string>() is { } reference)
        {
            const string prefix = "#/components/schemas/";
            Assert.StartsWith(prefix, reference);
            current = document["components"]!["schemas"]![reference[prefix.Length..]]?.AsObject()
                ?? throw new InvalidOperationException($"Unresolved {reference}");
        }
        return current;
    }

    private static List<string> TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
        _ => "unknown",
    };
}
