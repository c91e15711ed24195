using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>What a package asks for in a workspace (capabilities.md): shared domains to read/write.</summary>
[GenerateSerializer, Immutable]
public sealed record CapabilityRequest(IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared)
{
    public static CapabilityRequest None { get; } = new([], []);
}

/// <summary>A package version's manifest (http-api.md, publish body).</summary>
[GenerateSerializer, Immutable]
public sealed record PackageManifest(string? Title, string? Description, CapabilityRequest Capabilities, IReadOnlyList<string> Modules)
{
    public static PackageManifest Empty { get; } = new(null, null, CapabilityRequest.None, []);
}

/// <summary>One published, immutable package version.</summary>
[GenerateSerializer]
public sealed record PackageVersionInfo(
    string PackageId, string Version, string Code, PackageManifest Manifest, string Title, string Description,
    IReadOnlyList<string> Widgets, JsonNode InitialState, string ContentHash, DateTimeOffset PublishedAt);

/// <param name="Created">False when the same content was already published under this version.</param>
[GenerateSerializer]
public sealed record PublishResult(PackageVersionInfo Version, bool Created);

[GenerateSerializer, Immutable]
public sealed record PackageVersionSummary(string Version, string Title, IReadOnlyList<string> Widgets, DateTimeOffset PublishedAt);

[GenerateSerializer, Immutable]
public sealed record PackageDetails(string PackageId, string Title, string Description, string LatestVersion, IReadOnlyList<PackageVersionSummary> Versions);

[GenerateSerializer, Immutable]
public sealed record PackageSummary(string PackageId, string Title, string Description, string LatestVersion, IReadOnlyList<string> Versions);
