using System.Text.Json;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Checks a bound request body's JSON once more for what typed binding cannot see, so it is a 400 rather than a
/// 500 later: free-form values (event <c>args</c>) bind to a lazily parsed <c>JsonNode</c>, whose duplicate keys
/// or invalid UTF-8 would only throw deep inside a grain, and whose <c>1e400</c> would reach the sandbox as
/// Infinity. Rejected anywhere in the body: duplicate keys, strings that are not valid UTF-8, numbers outside
/// a 64-bit float, nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
public static class RequestJsonGuard
{
    /// <summary>Deeper than any UI tree, state or args a plugin can use (their own limits are 64 KiB), shallow enough to walk recursively.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Throws 400 INVALID_REQUEST naming the field. Text that is not JSON at all passes: the typed binding that
    /// follows reports it with the line and byte (JsonErrorDescriber), as it reports wrong types and unknown fields.
    /// </summary>
    public static void Check(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            Walk(document.RootElement, "");
        }
    }

    private static void Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                // TryGetDouble is false when the literal overflows a double (1e400): no reader downstream could carry it.
                if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
                    throw ApiErrors.BadBody($"Field '{Name(path)}' is a number out of range (JSON numbers must fit a 64-bit float).", Field(path));
                break;
            case JsonValueKind.String:
                Decode(() => element.GetString(), path);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[{index++}]");
                break;
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Decode(() => property.Name, path);
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!seen.Add(name)) throw ApiErrors.BadBody($"Duplicate field '{Name(child)}'.", Field(child));
                    Walk(property.Value, child);
                }
                break;
        }
    }

    /// <summary>The reader checks UTF-8 only when a string is decoded: decode each one here, where the error is a 400.</summary>
    private static string Decode(Func<string?> read, string path)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw ApiErrors.BadBody($"A string in '{Name(path)}' is not valid UTF-8.", Field(path));
        }
    }

    // Names are the client's text: shortened in messages, so an error never echoes a megabyte back.
    private static string Name(string path) => path.Length == 0 ? "(body)" : path.Length > 80 ? path[..80] + "…" : path;

    private static string? Field(string path) => path.Length is 0 or > 80 ? null : path;
}
