using System.Text;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>
/// The globalState a plugin sees when the caller gives none: a local instance named after the
/// file, as the silo would name it, with no readable shared domains.
/// </summary>
internal static class DefaultGlobalState
{
    public const string WorkspaceId = "local";
    public const string InstanceSuffix = "cli00000";

    public static JsonObject For(string filePath)
    {
        var packageId = PackageIdFromFileName(filePath);
        return new JsonObject
        {
            ["self"] = new JsonObject
            {
                ["instanceId"] = $"{packageId}@{InstanceSuffix}",
                ["packageId"] = packageId,
                ["workspaceId"] = WorkspaceId,
            },
            ["shared"] = new JsonObject(),
        };
    }

    /// <summary>"My Plugin.js" → "my-plugin", fitting the API's <c>^[a-z][a-z0-9-]{0,63}$</c>.</summary>
    public static string PackageIdFromFileName(string filePath)
    {
        var name = Path.GetFileNameWithoutExtension(filePath).ToLowerInvariant();
        var id = new StringBuilder();
        foreach (var c in name)
            id.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var trimmed = id.ToString().Trim('-');
        if (trimmed.Length == 0 || trimmed[0] is < 'a' or > 'z')
            trimmed = "plugin-" + trimmed;
        return trimmed.Length > 64 ? trimmed[..64].TrimEnd('-') : trimmed.TrimEnd('-');
    }
}
