using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OrleansVm.Runtime;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds a silo to a generic host / ASP.NET Core app: it starts and stops with the host, and IGrainFactory is injectable.</summary>
    public static IServiceCollection AddOrleansVmSilo(this IServiceCollection services, Action<SiloBuilder>? configure = null)
    {
        var builder = new SiloBuilder(services, standalone: false);
        configure?.Invoke(builder);
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    internal static IServiceCollection AddOrleansVmRuntimeCore(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Silo)))
        {
            return services;
        }

        services.AddOptions();
        services.TryAddSingleton<ILoggerFactory, NullLoggerFactory>();
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value);
        services.TryAddSingleton<ILocalSiloDetails, LocalSiloDetails>();
        services.TryAddSingleton<IGrainPlacement, LocalGrainPlacement>();
        services.TryAddSingleton<IRemoteGrainInvoker, NoRemoteGrainInvoker>();
        services.TryAddSingleton<GrainClassRegistry>();
        services.TryAddSingleton<IGrainTypeResolver>(sp => sp.GetRequiredService<GrainClassRegistry>());
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<GrainCallDispatcher>();
        services.TryAddSingleton<IdleCollector>();
        services.TryAddSingleton<IGrainFactory>(sp => new GrainFactory(sp.GetRequiredService<GrainCallDispatcher>(), sp.GetRequiredService<IGrainTypeResolver>()));
        services.TryAddSingleton(sp => new Silo(
            sp,
            sp.GetRequiredService<ILocalSiloDetails>(),
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<GrainCallDispatcher>(),
            sp.GetRequiredService<IdleCollector>(),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<ILogger<Silo>>()));
        return services;
    }
}
