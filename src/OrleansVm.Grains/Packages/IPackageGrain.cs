using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>One package and its immutable versions. Key: the package id.</summary>
public interface IPackageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes a version after loading it in a sandbox (PLUGIN_LOAD_ERROR / LIMIT_EXCEEDED /
    /// MODULE_NOT_ALLOWED when it does not load or asks for a bad module). The same content again
    /// is accepted (Created = false); other content under a taken version is PACKAGE_VERSION_EXISTS.
    /// </summary>
    Task<PublishResult> PublishAsync(string version, string code, PackageManifest manifest);

    /// <summary>The package, or null when no version was ever published.</summary>
    [ReadOnly]
    Task<PackageDetails?> GetAsync();

    /// <summary>One version (null: the latest by semantic-version order), or null when there is none.</summary>
    [ReadOnly]
    Task<PackageVersionInfo?> GetVersionAsync(string? version);
}
