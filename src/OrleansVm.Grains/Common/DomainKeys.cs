namespace OrleansVm.Grains;

/// <summary>Domain grain keys: `workspaceId/domain` (neither part can contain a slash).</summary>
public static class DomainKeys
{
    public static string Of(string workspaceId, string domain) => $"{workspaceId}/{domain}";

    public static (string WorkspaceId, string Domain) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }
}
