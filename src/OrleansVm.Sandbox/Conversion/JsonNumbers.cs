using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Conversion;

/// <summary>
/// JSON numbers backed by a JsonElement, so hosts can read them as int, long or double alike
/// (a JsonValue made from a CLR double only converts to double). Small integers are cached.
/// </summary>
internal static class JsonNumbers
{
    private const int CacheMin = -16;
    private const int CacheMax = 1024;
    private static readonly JsonElement[] Cache = Enumerable.Range(CacheMin, CacheMax - CacheMin + 1)
        .Select(i => Parse(i.ToString(CultureInfo.InvariantCulture))).ToArray();

    public static JsonValue Create(double value)
    {
        if (value == Math.Floor(value) && value >= CacheMin && value <= CacheMax && !(value == 0 && double.IsNegative(value)))
            return JsonValue.Create(Cache[(int)value - CacheMin])!;
        var text = value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        return JsonValue.Create(Parse(text))!;
    }

    private static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
