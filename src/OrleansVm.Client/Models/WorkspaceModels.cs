namespace OrleansVm.Client.Models;

public sealed record WorkspaceInfo(string WorkspaceId, DateTimeOffset CreatedAt);

/// <summary>A client token; <see cref="Token"/> is shown only once, when it is made.</summary>
public sealed record CreatedToken(string TokenId, string Token);

public sealed record Grants(IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared, IReadOnlyList<string> Modules)
{
    public static Grants None { get; } = new([], [], []);
}

public sealed record PackageGrants(string PackageId, IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared, IReadOnlyList<string> Modules);
