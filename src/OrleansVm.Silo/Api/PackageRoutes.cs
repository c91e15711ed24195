using OrleansVm.Grains;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Api.Models;
using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>Packages: publish (operator), list, versions, one version (any token).</summary>
public static class PackageRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/packages/{packageId}/versions/{version}", PublishAsync).RequireAccess(ApiAccess.Operator)
            .Takes<PublishPackageRequest>().Returns<PublishedPackageResponse>(StatusCodes.Status201Created).Returns<PublishedPackageResponse>().Fails(400, 401, 403, 409, 413, 422);
        api.MapGet("/packages", ListAsync).RequireAccess(ApiAccess.AnyToken)
            .Returns<IReadOnlyList<PackageSummary>>().Fails(401);
        api.MapGet("/packages/{packageId}", GetAsync).RequireAccess(ApiAccess.AnyToken)
            .Returns<PackageDetails>().Fails(400, 401, 404);
        api.MapGet("/packages/{packageId}/versions/{version}", GetVersionAsync).RequireAccess(ApiAccess.AnyToken)
            .Returns<PackageVersionResponse>().Fails(400, 401, 404);
    }

    private static async Task<IResult> PublishAsync(string packageId, string version, HttpRequest request, IGrainFactory grains)
    {
        RouteIds.RequirePackage(packageId);
        RouteIds.RequireVersion(version);
        var body = await JsonBody.ReadAsync<PublishPackageRequest>(request);
        var manifest = ToManifest(body.Manifest);

        var result = await grains.Ref<IPackageGrain>(packageId).PublishAsync(version, body.Code, manifest);
        var info = result.Version;
        var response = new PublishedPackageResponse(info.PackageId, info.Version, info.Title, info.Widgets);
        return result.Created
            ? Results.Created($"{ApiPaths.V1}/packages/{packageId}/versions/{version}", response)
            : Results.Ok(response);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Results.Ok(await grains.Ref<IPackageCatalogGrain>(IPackageCatalogGrain.Key).ListAsync());

    private static async Task<IResult> GetAsync(string packageId, IGrainFactory grains)
    {
        RouteIds.RequirePackage(packageId);
        var details = await grains.Ref<IPackageGrain>(packageId).GetAsync() ?? throw PackageNotFound(packageId);
        return Results.Ok(details);
    }

    private static async Task<IResult> GetVersionAsync(string packageId, string version, IGrainFactory grains)
    {
        RouteIds.RequirePackage(packageId);
        RouteIds.RequireVersion(version);
        var info = await grains.Ref<IPackageGrain>(packageId).GetVersionAsync(version)
            ?? throw PackageNotFound(packageId, version);
        return Results.Ok(PackageVersionResponse.From(info));
    }

    private static PackageManifest ToManifest(ManifestBody? body)
    {
        if (body is null) return PackageManifest.Empty;
        var readShared = NameLists.Require(body.Capabilities?.ReadShared, "manifest.capabilities.readShared");
        var writeShared = NameLists.Require(body.Capabilities?.WriteShared, "manifest.capabilities.writeShared");
        var modules = NameLists.Require(body.Modules, "manifest.modules");
        return new PackageManifest(body.Title, body.Description, new CapabilityRequest(readShared, writeShared), modules);
    }

    private static OrleansVmException PackageNotFound(string packageId, string? version = null) =>
        new(ErrorCodes.PackageNotFound, version is null
            ? $"Package '{packageId}' does not exist."
            : $"Package '{packageId}' has no version '{version}'.");
}
