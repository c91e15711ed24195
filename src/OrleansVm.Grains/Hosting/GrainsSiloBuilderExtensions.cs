using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansVm.Runtime;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>Wires the plugin grains into a silo in one line: <c>silo.AddOrleansVmGrains(o => o.Limits = ...)</c>.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers every grain of this assembly, the caller-identity filter the domains rely on,
    /// the per-silo program cache, the native-module registry (register your own
    /// <see cref="NativeModuleRegistry"/> singleton first, or add modules to this one), and the
    /// options. Tests may register an <see cref="IGrainFaultInjector"/> before or after.
    /// </summary>
    public static SiloBuilder AddOrleansVmGrains(this SiloBuilder silo, Action<OrleansVmGrainsOptions>? configure = null)
    {
        var options = new OrleansVmGrainsOptions();
        configure?.Invoke(options);

        var services = silo.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => NativeModuleRegistry.CreateDefault());
        services.TryAddSingleton<PluginProgramCache>();
        services.TryAddSingleton<SandboxGate>();
        services.TryAddSingleton<IGrainFaultInjector>(NoFaultInjector.Instance);

        silo.AddIncomingGrainCallFilter<CallerIdentityFilter>()
            .AddGrain<IPackageGrain, PackageGrain>()
            .AddGrain<IPackageCatalogGrain, PackageCatalogGrain>()
            .AddGrain<IWorkspaceGrain, WorkspaceGrain>()
            .AddGrain<IWorkspaceCatalogGrain, WorkspaceCatalogGrain>()
            .AddGrain<IWorkspaceActivityGrain, WorkspaceActivityGrain>()
            .AddGrain<IWorkspaceEventsGrain, WorkspaceEventsGrain>()
            .AddGrain<IPluginInstanceGrain, PluginInstanceGrain>()
            .AddGrain<ISharedDomainGrain, SharedDomainGrain>();
        return silo;
    }
}
