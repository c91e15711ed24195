using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>Hosts OrleansVm in an Orleans silo: <c>siloBuilder.AddOrleansVm(o => o.Limits = ...)</c>.</summary>
public static class OrleansVmSiloBuilderExtensions
{
    /// <summary>
    /// Adds the plugin grains (found by Orleans in this assembly), the caller-identity call filter
    /// the domains rely on, the JSON payload serializer, the options, the per-silo program cache and
    /// sandbox gate, the native-module registry (register your own <see cref="NativeModuleRegistry"/>
    /// singleton first to extend it), the grain storage named <see cref="OrleansVmStorage.ProviderName"/>
    /// and a reminder service unless the options say the host brings them, and optionally the presets.
    /// Tests may register an <see cref="IGrainFaultInjector"/> before or after.
    /// </summary>
    public static ISiloBuilder AddOrleansVm(this ISiloBuilder silo, Action<OrleansVmOptions>? configure = null)
    {
        var options = new OrleansVmOptions();
        configure?.Invoke(options);

        var services = silo.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => NativeModuleRegistry.CreateDefault());
        services.TryAddSingleton<PluginProgramCache>();
        services.TryAddSingleton<SandboxGate>();
        services.TryAddSingleton<IGrainFaultInjector>(NoFaultInjector.Instance);
        services.AddOrleansVmSerializer();

        // State goes through Orleans' own serializer (our types are [GenerateSerializer], payloads use the JSON
        // codec): the silo's default storage serializer is Newtonsoft-based and does not round-trip JsonNode trees.
        services.TryAddKeyedSingleton<IGrainStorageSerializer>(OrleansVmStorage.ProviderName,
            (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));

        silo.AddIncomingGrainCallFilter<CallerIdentityFilter>();
        if (options.Storage == OrleansVmStorageKind.Memory) silo.AddMemoryGrainStorage(OrleansVmStorage.ProviderName);
        if (options.Reminders == OrleansVmReminderKind.Memory) silo.UseInMemoryReminderService();
        if (options.PublishPresets) silo.AddStartupTask<PresetPublisher>();
        return silo;
    }
}

/// <summary>The client side: <c>clientBuilder.AddOrleansVmClient()</c> so JSON payloads (de)serialize as on the silo.</summary>
public static class OrleansVmClientBuilderExtensions
{
    public static IClientBuilder AddOrleansVmClient(this IClientBuilder client)
    {
        client.Services.AddOrleansVmSerializer();
        return client;
    }
}

internal static class OrleansVmSerialization
{
    /// <summary>
    /// JsonNode trees (payloads, state, UI) through Orleans' System.Text.Json codec: it writes the
    /// UTF-8 JSON text and reparses it, and deep-copies with <c>DeepClone</c> for calls inside a silo.
    /// </summary>
    public static IServiceCollection AddOrleansVmSerializer(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsJsonNode));

    private static bool IsJsonNode(Type type) => type.Namespace == "System.Text.Json.Nodes";
}
