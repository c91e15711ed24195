using System.Text.Json.Serialization;

namespace OrleansVm.Client.Models;

// The shapes of the silo's OpenAPI document (/openapi/v1.json); ClientContractTests compares each
// record with its schema (same properties, nullable exactly where the document allows null).

public sealed record Capabilities(IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared)
{
    public static Capabilities None { get; } = new([], []);
}

/// <summary>A manifest to publish (the document's <c>ManifestBody</c>): every part optional.</summary>
public sealed record PackageManifest(string? Title, string? Description, Capabilities? Capabilities, IReadOnlyList<string>? Modules);

/// <summary>A published version's manifest as the server answers it: capabilities and modules always there.</summary>
public sealed record StoredManifest(string? Title, string? Description, Capabilities Capabilities, IReadOnlyList<string> Modules);

public sealed record PublishPackageRequest(string Code, PackageManifest? Manifest);

/// <param name="Created">True when the server stored a new version (201), false when the same content was already there (200).</param>
public sealed record PublishedPackage(string PackageId, string Version, string Title, IReadOnlyList<string> Widgets)
{
    [JsonIgnore]
    public bool Created { get; init; }
}

public sealed record PackageSummary(string PackageId, string Title, string Description, string LatestVersion, IReadOnlyList<string> Versions);

public sealed record PackageVersionSummary(string Version, string Title, IReadOnlyList<string> Widgets, DateTimeOffset PublishedAt);

public sealed record PackageDetails(string PackageId, string Title, string Description, string LatestVersion, IReadOnlyList<PackageVersionSummary> Versions);

public sealed record PackageVersionDetails(
    string PackageId, string Version, string Code, StoredManifest Manifest, string Title, string Description,
    IReadOnlyList<string> Widgets, string ContentHash, DateTimeOffset PublishedAt);
