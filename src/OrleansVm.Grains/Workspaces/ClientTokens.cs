using System.Security.Cryptography;
using System.Text;

namespace OrleansVm.Grains;

/// <summary>
/// Client tokens: `ovmc_{workspaceId}_{tokenId}_{secret}`. Workspace ids have no underscore and
/// token ids are hex, so the workspace (which grain to ask) and the token id parse back out; the
/// secret is 32 random bytes. Only the SHA-256 of the whole token is stored.
/// </summary>
public static class ClientTokens
{
    public const string Prefix = "ovmc_";
    private const int TokenIdLength = 16;

    public static (string TokenId, string Token) Create(string workspaceId)
    {
        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenIdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (tokenId, $"{Prefix}{workspaceId}_{tokenId}_{secret}");
    }

    /// <summary>The workspace and token id a token claims (not yet validated); false when it is not shaped like a client token.</summary>
    public static bool TryParse(string? token, out string workspaceId, out string tokenId)
    {
        workspaceId = tokenId = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = token.AsSpan(Prefix.Length);
        var first = rest.IndexOf('_');
        if (first <= 0) return false;
        var afterWorkspace = rest[(first + 1)..];
        if (afterWorkspace.Length <= TokenIdLength + 1 || afterWorkspace[TokenIdLength] != '_') return false;
        workspaceId = rest[..first].ToString();
        tokenId = afterWorkspace[..TokenIdLength].ToString();
        return Ids.IsWorkspaceId(workspaceId);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Matches(string token, string storedHash)
    {
        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), presented);
        var stored = Convert.FromHexString(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
