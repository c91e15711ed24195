using OrleansVm.Grains;

namespace OrleansVm.Silo.Api.Models;

/// <summary><c>PUT /packages/{id}/versions/{v}</c> body.</summary>
public sealed record PublishPackageRequest(string Code, ManifestBody? Manifest = null);

public sealed record ManifestBody(string? Title = null, string? Description = null, CapabilitiesBody? Capabilities = null, IReadOnlyList<string>? Modules = null);

public sealed record CapabilitiesBody(IReadOnlyList<string>? ReadShared = null, IReadOnlyList<string>? WriteShared = null);

public sealed record PublishedPackageResponse(string PackageId, string Version, string Title, IReadOnlyList<string> Widgets);

/// <summary>One version with its code and manifest (api-shapes.md); the initial state stays inside.</summary>
public sealed record PackageVersionResponse(
    string PackageId, string Version, string Code, PackageManifest Manifest, string Title, string Description,
    IReadOnlyList<string> Widgets, string ContentHash, DateTimeOffset PublishedAt)
{
    public static PackageVersionResponse From(PackageVersionInfo info) =>
        new(info.PackageId, info.Version, info.Code, info.Manifest, info.Title, info.Description, info.Widgets, info.ContentHash, info.PublishedAt);
}
