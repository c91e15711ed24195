using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>Registers named grain storage providers (keyed singletons of <see cref="IGrainStorage"/>).</summary>
public static class GrainStorageServiceCollectionExtensions
{
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => factory(sp));
        return services;
    }

    /// <summary>Registers an existing instance (e.g. one storage shared by several silos).</summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, string name, IGrainStorage storage)
    {
        services.AddKeyedSingleton(name, storage);
        return services;
    }

    public static IServiceCollection AddMemoryGrainStorage(this IServiceCollection services, string name = GrainStorageNames.Default) =>
        services.AddGrainStorage(name, _ => new MemoryGrainStorage(name));
}
