using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansVm.Grains;

/// <summary>
/// The one timestamp format of the API, the stream and derived domains: ISO-8601 in UTC with a `Z`
/// and milliseconds (`2026-11-22T00:24:32.676Z`, what JavaScript's `Date.toISOString()` gives).
/// </summary>
public static class UtcTimestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Of(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>Writes <see cref="DateTimeOffset"/> as <see cref="UtcTimestamps"/> (reads any ISO-8601); add it to a serializer's converters.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(UtcTimestamps.Of(value));
}
