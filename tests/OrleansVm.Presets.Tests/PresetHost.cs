using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

/// <summary>Loads a preset from the catalog into the real sandbox, as an instance grain would.</summary>
internal static class PresetHost
{
    // These tests check behaviour, not speed: the default wall-clock limits (100 ms a call) can
    // trip when the test host shares two cores with parallel builds.
    private static readonly SandboxLimits RelaxedTime = SandboxLimits.Default with
    {
        LoadTimeout = TimeSpan.FromSeconds(10),
        RenderTimeout = TimeSpan.FromSeconds(5),
        EventTimeout = TimeSpan.FromSeconds(5),
    };

    public static PluginSandbox Load(string packageId) =>
        PluginSandbox.Load(PluginProgram.Parse(PresetCatalog.Load(packageId).Code, RelaxedTime),
                           new SandboxOptions { Limits = RelaxedTime });

    /// <summary>globalState with the given readable domains; none means the instance has no read grant.</summary>
    public static JsonObject GlobalState(string packageId, JsonObject? shared = null) => new()
    {
        ["self"] = new JsonObject
        {
            ["instanceId"] = $"{packageId}@test0001",
            ["packageId"] = packageId,
            ["workspaceId"] = "test",
        },
        ["shared"] = shared ?? new JsonObject(),
    };

    public static JsonNode State(string json) => JsonNode.Parse(json)!;
}
