using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>
/// Configures a silo over a service collection: grains, filters, storage, options. Either
/// <c>new SiloBuilder()...Build()</c> for a standalone silo (tests, benchmarks) or
/// <c>services.AddOrleansVmSilo(silo => ...)</c> inside a generic host.
/// </summary>
public sealed class SiloBuilder
{
    private readonly bool _standalone;

    /// <summary>A standalone silo with its own service provider.</summary>
    public SiloBuilder()
        : this(new ServiceCollection(), standalone: true)
    {
    }

    internal SiloBuilder(IServiceCollection services, bool standalone)
    {
        Services = services;
        _standalone = standalone;
        services.AddOrleansVmRuntimeCore();
    }

    public IServiceCollection Services { get; }

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    public SiloBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        configure(Services);
        return this;
    }

    /// <summary>Registers <typeparamref name="TGrain"/> as the grain class serving <typeparamref name="TInterface"/>.</summary>
    public SiloBuilder AddGrain<TInterface, TGrain>(Action<GrainTypeOptions>? configure = null)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface =>
        AddGrain(typeof(TGrain), [typeof(TInterface)], configure);

    /// <summary>Registers <typeparamref name="TGrain"/> for every grain interface it implements.</summary>
    public SiloBuilder AddGrain<TGrain>(Action<GrainTypeOptions>? configure = null)
        where TGrain : Grain =>
        AddGrain(typeof(TGrain), GrainRegistration.GrainInterfacesOf(typeof(TGrain)), configure);

    public SiloBuilder AddGrain(Type grainClass, IReadOnlyList<Type> interfaces, Action<GrainTypeOptions>? configure = null)
    {
        var options = new GrainTypeOptions();
        configure?.Invoke(options);
        Services.AddSingleton(new GrainRegistration(grainClass, interfaces, options.CollectionAge, options.GrainTypeName));
        return this;
    }

    public SiloBuilder AddIncomingGrainCallFilter<TFilter>()
        where TFilter : class, IIncomingGrainCallFilter
    {
        Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return this;
    }

    public SiloBuilder AddIncomingGrainCallFilter(IIncomingGrainCallFilter filter)
    {
        Services.AddSingleton(filter);
        return this;
    }

    public SiloBuilder AddOutgoingGrainCallFilter<TFilter>()
        where TFilter : class, IOutgoingGrainCallFilter
    {
        Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return this;
    }

    public SiloBuilder AddOutgoingGrainCallFilter(IOutgoingGrainCallFilter filter)
    {
        Services.AddSingleton(filter);
        return this;
    }

    public SiloBuilder AddGrainStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        Services.AddGrainStorage(name, factory);
        return this;
    }

    public SiloBuilder AddGrainStorage(string name, IGrainStorage storage)
    {
        Services.AddGrainStorage(name, storage);
        return this;
    }

    public SiloBuilder AddMemoryGrainStorage(string name = GrainStorageNames.Default)
    {
        Services.AddMemoryGrainStorage(name);
        return this;
    }

    /// <summary>Builds a standalone silo (not started). It owns and disposes its service provider.</summary>
    public Silo Build()
    {
        if (!_standalone)
        {
            throw new InvalidOperationException("This builder configures a hosted silo; the host builds and starts it.");
        }

        var provider = Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var silo = provider.GetRequiredService<Silo>();
        silo.OwnedServices = provider;
        return silo;
    }
}
