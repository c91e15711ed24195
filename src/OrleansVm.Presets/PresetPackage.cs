using System.Text.Json.Nodes;

namespace OrleansVm.Presets;

/// <summary>One preset plugin: its code and its manifest in the HTTP API's publish shape.</summary>
public sealed record PresetPackage(string PackageId, string Code, JsonObject Manifest)
{
    public string Version => PresetCatalog.Version;
}
