namespace OrleansVm.Grains;

[GenerateSerializer, Immutable]
public sealed record WorkspaceInfo(string WorkspaceId, DateTimeOffset CreatedAt);

/// <summary>What a package may do in a workspace; module names are normalized.</summary>
[GenerateSerializer, Immutable]
public sealed record Grants(IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared, IReadOnlyList<string> Modules)
{
    public static Grants None { get; } = new([], [], []);
}

[GenerateSerializer, Immutable]
public sealed record PackageGrants(string PackageId, Grants Grants);

/// <summary>A client token as made: <see cref="Token"/> is shown once and stored only as a hash.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatedToken(string TokenId, string Token);

/// <summary>An instance as the workspace's registry knows it (feeds `runtime-registry`).</summary>
[GenerateSerializer, Immutable]
public sealed record InstanceRegistration(
    string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets,
    string Status, bool Enabled, DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable]
public sealed record DomainSummary(string Domain, bool BuiltIn, bool ReadOnly);

/// <summary>An instance registered in a workspace and what it may do there now (manifest ∩ current grant).</summary>
[GenerateSerializer, Immutable]
public sealed record InstanceAccess(InstanceRegistration Registration, Grants Grants);
