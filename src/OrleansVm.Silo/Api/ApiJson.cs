using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansVm.Silo.Api;

/// <summary>The API's JSON conventions (http-api.md: camelCase).</summary>
public static class ApiJson
{
    /// <summary>Request bodies: strict, so a typo or a wrong type is a 400 rather than a silently ignored field.</summary>
    public static readonly JsonSerializerOptions Requests = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>Responses: camelCase, absent optionals (<c>domain?</c>, <c>reason?</c>) left out.</summary>
    public static void ConfigureResponses(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // One timestamp format everywhere (timeline, registry, stream events): UTC ISO-8601 with `Z`.
        options.Converters.Add(new OrleansVm.Grains.UtcTimestampJsonConverter());
    }
}
