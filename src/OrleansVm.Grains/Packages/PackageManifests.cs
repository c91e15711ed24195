using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>Reads a manifest in the HTTP API's publish shape (`title`, `description`, `capabilities`, `modules`).</summary>
public static class PackageManifests
{
    public static PackageManifest FromJson(JsonObject json)
    {
        var capabilities = json["capabilities"] as JsonObject;
        return new PackageManifest(json["title"]?.GetValue<string>(), json["description"]?.GetValue<string>(),
            new CapabilityRequest(Names(capabilities?["readShared"]), Names(capabilities?["writeShared"])), Names(json["modules"]));
    }

    private static List<string> Names(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
