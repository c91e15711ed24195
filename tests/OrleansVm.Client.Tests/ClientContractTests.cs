using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansVm.Client.Models;

namespace OrleansVm.Client.Tests;

/// <summary>
/// The .NET client keeps its own records (it must not depend on the silo's Orleans-serialized grain
/// types); this test holds them to the silo's OpenAPI document: each record has exactly the schema's
/// properties, and (for what the server sends) a property is nullable in C# exactly when the document
/// lets it be absent or null. Request bodies may be stricter than the server: their names are checked.
/// </summary>
public sealed class ClientContractTests(ClientSiloFixture fixture) : IClassFixture<ClientSiloFixture>
{
    public static TheoryData<Type, string> Shapes => new()
    {
        { typeof(HealthReport), "HealthResponse" },
        { typeof(SiloInfo), "SiloStatus" },
        { typeof(NativeModuleInfo), "NativeModuleResponse" },
        { typeof(PublishPackageRequest), "PublishPackageRequest" },
        { typeof(PackageManifest), "PublishPackageRequest.manifest" },
        { typeof(Capabilities), "PublishPackageRequest.manifest.capabilities" },
        { typeof(StoredManifest), "PackageManifest" },
        { typeof(PublishedPackage), "PublishedPackageResponse" },
        { typeof(PackageSummary), "PackageSummary" },
        { typeof(PackageVersionSummary), "PackageVersionSummary" },
        { typeof(PackageDetails), "PackageDetails" },
        { typeof(PackageVersionDetails), "PackageVersionResponse" },
        { typeof(WorkspaceInfo), "WorkspaceInfo" },
        { typeof(CreatedToken), "CreatedToken" },
        { typeof(Grants), "Grants" },
        { typeof(PackageGrants), "PackageGrantsResponse" },
        { typeof(DomainSummary), "DomainSummary" },
        { typeof(DomainState), "DomainStateResponse" },
        { typeof(CreatedInstance), "CreatedInstanceResponse" },
        { typeof(InstanceInfo), "InstanceResponse" },
        { typeof(RenderedWidget), "RenderResponse" },
        { typeof(Dispatch), "DispatchResult" },
        { typeof(EventOutcome), "EventResponse" },
        { typeof(LogLine), "LogLine" },
        { typeof(TimelineEntry), "DispatchRecord" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_client_record_has_the_shape_of_its_schema(Type record, string schemaName)
    {
        var document = await FetchDocumentAsync();
        var schema = Find(document, schemaName);
        Assert.True(schema is not null, $"The document has no schema {schemaName}");
        var isRequest = schemaName.Contains("Request", StringComparison.Ordinal);

        var documented = (schema!["properties"] as JsonObject ?? []).Select(p => p.Key).Order().ToList();
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        var properties = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(documented, properties.Keys.Order().ToList());
        var nullability = new NullabilityInfoContext();
        foreach (var (name, property) in isRequest ? [] : properties)
        {
            var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            Assert.True(nullable != required.Contains(name),
                $"{record.Name}.{property.Name}: {(nullable ? "nullable" : "not nullable")} but the document says {(required.Contains(name) ? "required" : "optional")}");
        }
    }

    [Fact]
    public async Task Every_response_schema_of_the_document_has_a_client_record()
    {
        var mapped = Shapes.Select(row => ((string)row[1]).Split('.')[0]).ToHashSet();
        // Bodies the .NET client builds inline (anonymous objects) or does not read (errors: OrleansVmApiException).
        string[] notRecords = ["ApiErrorBody", "ApiErrorEnvelope", "CapabilityRequest", "CreateInstanceRequest", "CreateTokenRequest",
            "CreateWorkspaceRequest", "DefineDomainRequest", "GrantsRequest", "InstanceListItem", "JsonNode", "JsonObject", "SendEventRequest"];
        var schemas = (await FetchDocumentAsync())["components"]!["schemas"]!.AsObject().Select(s => s.Key);

        Assert.Empty(schemas.Except(mapped).Except(notRecords));
    }

    /// <summary>A component schema, or a property inside one: <c>PublishPackageRequest.manifest</c>.</summary>
    private static JsonObject? Find(JsonObject document, string path)
    {
        var parts = path.Split('.');
        var schema = Resolve(document, document["components"]?["schemas"]?[parts[0]]);
        foreach (var property in parts.Skip(1)) schema = Resolve(document, schema?["properties"]?[property]);
        return schema;
    }

    private static JsonObject? Resolve(JsonObject document, JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]?.AsObject()
            : schema?.AsObject();

    private async Task<JsonObject> FetchDocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        using var response = await http.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
