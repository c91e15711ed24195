using System.Reflection;
using System.Text.Json.Nodes;

namespace OrleansVm.Presets;

/// <summary>
/// The preset plugins shipped with OrleansVm, read from this assembly's embedded resources
/// (<c>presets/&lt;id&gt;.js</c> and <c>presets/&lt;id&gt;.manifest.json</c>).
/// </summary>
public static class PresetCatalog
{
    public const string Version = "1.0.0";

    public static IReadOnlyList<string> PackageIds { get; } =
    [
        "counter",
        "calculator",
        "status-dashboard",
        "greeter",
        "greeter-shared-state",
        "runtime-monitor",
    ];

    private static readonly Assembly ResourceAssembly = typeof(PresetCatalog).Assembly;

    public static IReadOnlyList<PresetPackage> LoadAll() => PackageIds.Select(Load).ToList();

    /// <exception cref="KeyNotFoundException">No preset has this id.</exception>
    public static PresetPackage Load(string packageId)
    {
        if (!PackageIds.Contains(packageId))
            throw new KeyNotFoundException($"'{packageId}' is not a preset package");

        var code = ReadResource($"presets/{packageId}.js");
        var manifest = JsonNode.Parse(ReadResource($"presets/{packageId}.manifest.json")) as JsonObject
            ?? throw new InvalidDataException($"The manifest of preset '{packageId}' is not a JSON object");
        return new PresetPackage(packageId, code, manifest);
    }

    private static string ReadResource(string name)
    {
        using var stream = ResourceAssembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Embedded resource '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
