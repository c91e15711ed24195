using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansVm.Silo.Api.Contract;

/// <summary>
/// The OpenAPI 3.1 document of http-api.md, generated from the routes' declared bodies. The TypeScript
/// SDK's types are generated from it (src/OrleansVm.Client.TypeScript, <c>npm run generate</c>).
/// </summary>
public static class ApiContract
{
    public const string DocumentName = "v1";

    /// <summary>Served at <c>/openapi/v1.json</c>, outside <c>/api/v1</c>: it is public, like health.</summary>
    public const string DocumentPattern = "/openapi/{documentName}.json";

    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "OrleansVm HTTP API",
                Version = "v1",
                Description = "Plugins, workspaces and instances (../shared/spec/http-api.md). Errors are {\"error\":{code,message,details?}}.",
            };
            // Any silo serves the API at its own address; a server list would pin the document to the one that answered.
            document.Servers = [];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeRequestBodyAsync);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            RequireNonNullableProperties(schema, context.JsonTypeInfo);
            // The UTC timestamp converter hides the JSON type from the generator: it writes a string.
            if (schema.Format == "date-time" && schema.Type is null) schema.Type = JsonSchemaType.String;
            return Task.CompletedTask;
        });
    }

    /// <summary>The body declared with <see cref="ContractMetadata.Takes{T}"/>, as a named component like the responses.</summary>
    private static async Task DescribeRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().LastOrDefault();
        if (body is null || context.Document is not { } document) return;
        var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, ct);
        var name = body.BodyType.Name;
        document.AddComponent(name, schema);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) },
            },
        };
    }

    /// <summary>
    /// The responses write every property except null ones (<c>WhenWritingNull</c>), so a property that
    /// cannot be null is always there: say so, so generated clients do not type it as optional.
    /// </summary>
    private static void RequireNonNullableProperties(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 }) return;
        foreach (var property in type.Properties)
        {
            if (!schema.Properties.ContainsKey(property.Name)) continue;
            var nullable = property.IsGetNullable && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null);
            if (nullable) schema.Required?.Remove(property.Name);
            else (schema.Required ??= new HashSet<string>()).Add(property.Name);
        }
    }
}
