using System.Text.Json.Nodes;

namespace OrleansVm.Presets.Tests;

/// <summary>Each manifest asks for exactly the grants plugin-contract.md's "Presets" gives it.</summary>
public class PresetManifestTests
{
    public static TheoryData<string, string[], string[]> SpecGrants => new()
    {
        { "counter", ["counter-summary"], ["counter-summary"] },
        { "calculator", [], [] },
        { "status-dashboard", ["counter-summary", "runtime-metrics", "runtime-registry"], [] },
        { "greeter", ["greeter-profile"], ["greeter-profile"] },
        { "greeter-shared-state", ["greeter-profile"], [] },
        { "runtime-monitor", ["runtime-registry"], [] },
    };

    [Theory]
    [MemberData(nameof(SpecGrants))]
    public void Manifest_asks_for_exactly_the_spec_grants(string packageId, string[] readShared, string[] writeShared)
    {
        var manifest = PresetCatalog.Load(packageId).Manifest;
        var capabilities = manifest["capabilities"]!.AsObject();

        Assert.Equal(readShared.Order(), Strings(capabilities["readShared"]).Order());
        Assert.Equal(writeShared.Order(), Strings(capabilities["writeShared"]).Order());
        Assert.Empty(Strings(manifest["modules"]));
    }

    public static TheoryData<string> PackageIds => new(PresetCatalog.PackageIds);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Manifest_has_only_the_publish_fields_and_matches_the_plugin(string packageId)
    {
        var manifest = PresetCatalog.Load(packageId).Manifest;
        var metadata = PresetHost.Load(packageId).Metadata;

        Assert.Equal(["capabilities", "description", "modules", "title"], manifest.Select(p => p.Key).Order().ToList());
        Assert.Equal(["readShared", "writeShared"], manifest["capabilities"]!.AsObject().Select(p => p.Key).Order().ToList());
        Assert.Equal(metadata.Title, (string?)manifest["title"]);
        Assert.Equal(metadata.Description, (string?)manifest["description"]);
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();
}
