using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Contract;

/// <summary>Checks real answers against the document's operation for their route and collects every mismatch.</summary>
public sealed class ContractRecorder(JsonObject document)
{
    private readonly OpenApiSchemaValidator _validator = new(document);

    public List<string> Failures { get; } = [];

    /// <summary>Awaits the call, asserts its status, checks the body against the documented schema; returns the body.</summary>
    public async Task<JsonNode?> CheckAsync(string method, string path, Task<ApiResponse> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = (await call).Expect(expected);
        var status = ((int)response.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"{method.ToUpperInvariant()} {path} {status}";
        var documented = document["paths"]?[path]?[method]?["responses"]?[status];
        if (documented is null)
        {
            Failures.Add($"{where}: the status is not documented");
            return response.Json;
        }
        var content = documented["content"] as JsonObject;
        if (response.Text.Length == 0)
        {
            if (content is { Count: > 0 }) Failures.Add($"{where}: documented with a body, sent none");
            return null;
        }
        if (content?[response.MediaType ?? ""]?["schema"] is not { } schema)
        {
            Failures.Add($"{where}: sent {response.MediaType}, documented {content?.ToJsonString() ?? "no body"}");
            return response.Json;
        }
        Failures.AddRange(_validator.Validate(response.Json, schema).Select(e => $"{where}: {e}"));
        return response.Json;
    }
}
