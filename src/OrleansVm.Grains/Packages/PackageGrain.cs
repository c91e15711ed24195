using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

[GrainType(GrainTypes.Package)]
public sealed class PackageGrain(
    [PersistentState("package", OrleansVmStorage.ProviderName)] IPersistentState<PackageState> state,
    PluginProgramCache programs,
    NativeModuleRegistry modules,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    OrleansVmOptions options) : Grain, IPackageGrain
{
    private string PackageId => this.GetPrimaryKeyString();

    public async Task<PublishResult> PublishAsync(string version, string code, PackageManifest manifest)
    {
        Ids.Require(Ids.IsPackageId(PackageId), "packageId", PackageId);
        Ids.Require(Ids.IsVersion(version), "version", version);
        ArgumentNullException.ThrowIfNull(code);
        manifest = GrantRules.Normalize(manifest ?? PackageManifest.Empty, modules);
        var contentHash = PluginProgramCache.Hash(code);

        if (state.State.Versions.TryGetValue(version, out var existing))
        {
            if (existing.ContentHash == contentHash && SameManifest(existing.Manifest, manifest))
            {
                return new PublishResult(existing, Created: false);
            }

            throw new OrleansVmException(ErrorCodes.PackageVersionExists,
                $"Version {version} of package '{PackageId}' is already published with other content.");
        }

        // The code must load, with the modules it asks for, before anyone can instantiate it.
        var program = programs.Get(code);
        var sandbox = PluginSandbox.Load(program, new SandboxOptions
        {
            Limits = options.Limits,
            Modules = modules,
            EnabledModules = new HashSet<string>(manifest.Modules, StringComparer.Ordinal),
        });
        var metadata = sandbox.Metadata;
        var info = new PackageVersionInfo(
            PackageId, version, code, manifest,
            string.IsNullOrWhiteSpace(manifest.Title) ? metadata.Title : manifest.Title,
            manifest.Description ?? metadata.Description,
            metadata.Widgets, metadata.InitialState.DeepClone(), contentHash, clock.GetUtcNow());

        state.State.Versions[version] = info;
        await state.SaveOrDropAsync(DeactivateOnIdle);
        await GrainFactory.Ref<IPackageCatalogGrain>(IPackageCatalogGrain.Key).UpsertAsync(Summary()!);
        return new PublishResult(info, Created: true);
    }

    public Task<PackageDetails?> GetAsync()
    {
        var latest = Latest();
        if (latest is null) return Task.FromResult<PackageDetails?>(null);
        var versions = Ordered().Select(v => new PackageVersionSummary(v.Version, v.Title, v.Widgets, v.PublishedAt)).ToList();
        return Task.FromResult<PackageDetails?>(new PackageDetails(PackageId, latest.Title, latest.Description, latest.Version, versions));
    }

    public Task<PackageVersionInfo?> GetVersionAsync(string? version) =>
        Task.FromResult(version is null ? Latest() : state.State.Versions.GetValueOrDefault(version));

    private PackageSummary? Summary()
    {
        var latest = Latest();
        return latest is null ? null : new PackageSummary(PackageId, latest.Title, latest.Description, latest.Version, [.. Ordered().Select(v => v.Version)]);
    }

    private IEnumerable<PackageVersionInfo> Ordered() =>
        state.State.Versions.Values.OrderBy(v => v.Version, Comparer<string>.Create(SemanticVersion.Compare));

    private PackageVersionInfo? Latest() => Ordered().LastOrDefault();

    private static bool SameManifest(PackageManifest left, PackageManifest right) =>
        JsonSerializer.Serialize(left) == JsonSerializer.Serialize(right);
}
