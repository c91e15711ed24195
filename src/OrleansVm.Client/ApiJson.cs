using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansVm.Client;

/// <summary>The API's JSON conventions: camelCase, nulls omitted on the wire.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
