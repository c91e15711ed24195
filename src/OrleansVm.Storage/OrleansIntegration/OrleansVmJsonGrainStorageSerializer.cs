using System.Text.Json;
using Orleans.Storage;

namespace OrleansVm.Storage;

/// <summary>
/// Grain state as plain System.Text.Json: POCOs with public get/set properties, collections, and
/// <c>System.Text.Json.Nodes</c> members (JsonObject, JsonArray...) round-trip as the JSON they are.
/// Used by the project's providers and plugged into Orleans' ADO.NET and memory providers, so every
/// provider stores the same JSON for the same state (Orleans' default is Newtonsoft with <c>$type</c>
/// names, which does not handle <c>JsonNode</c>).
/// </summary>
public sealed class OrleansVmJsonGrainStorageSerializer(JsonSerializerOptions? options = null) : IGrainStorageSerializer
{
    /// <summary>Web-agnostic defaults: property names as declared, no reference handling, numbers strict.</summary>
    public static OrleansVmJsonGrainStorageSerializer Default { get; } = new();

    private readonly JsonSerializerOptions _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options)!;
}
