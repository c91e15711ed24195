using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using OrleansVm.Sandbox;
using OrleansVm.Storage;

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
        services.TryAddSingleton<IManagedHeap>(GcManagedHeap.Instance);
        services.TryAddSingleton<SandboxMemory>();
        services.TryAddSingleton<ActivityReporter>();
        services.TryAddSingleton<ProjectionBoard>();
        services.AddOrleansVmSerializer();

        silo.AddIncomingGrainCallFilter<CallerIdentityFilter>();
        AddStorage(silo, options);
        AddReminders(silo, options);
        if (options.PublishPresets) silo.AddStartupTask<PresetPublisher>();
        return silo;
    }

    // Every provider stores state as System.Text.Json (the storage project's serializer): the same JSON whatever
    // the backend, and JsonNode members round-trip (Orleans' default storage serializer is Newtonsoft-based).
    private static void AddStorage(ISiloBuilder silo, OrleansVmOptions options)
    {
        const string name = OrleansVmStorage.ProviderName;
        switch (options.Storage)
        {
            case OrleansVmStorageKind.Memory:
                silo.AddOrleansVmMemoryGrainStorage(name);
                break;
            case OrleansVmStorageKind.Sqlite:
                var directory = Required(options.DataDirectory, nameof(options.DataDirectory));
                silo.AddOrleansVmSqliteGrainStorage(name, o => o.DatabasePath = Path.Combine(directory, SqliteGrainStorageOptions.DefaultFileName));
                break;
            case OrleansVmStorageKind.Postgres:
                var connection = Required(options.ConnectionString, nameof(options.ConnectionString));
                silo.AddOrleansVmPostgresGrainStorage(name, o => o.ConnectionString = connection);
                break;
            case OrleansVmStorageKind.AdoNet:
                silo.AddOrleansVmAdoNetGrainStorage(name, Required(options.ConnectionString, nameof(options.ConnectionString)));
                break;
        }
    }

    private static void AddReminders(ISiloBuilder silo, OrleansVmOptions options)
    {
        switch (options.Reminders)
        {
            case OrleansVmReminderKind.Memory:
                silo.UseInMemoryReminderService();
                break;
            case OrleansVmReminderKind.Sqlite:
                var directory = Required(options.DataDirectory, nameof(options.DataDirectory));
                silo.UseOrleansVmSqliteReminderService(o => o.DatabasePath = Path.Combine(directory, SqliteGrainStorageOptions.DefaultFileName));
                break;
            case OrleansVmReminderKind.Postgres:
                silo.UseOrleansVmPostgresReminderService(Required(options.ConnectionString, nameof(options.ConnectionString)));
                break;
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"OrleansVmOptions.{name} is required for the chosen storage.") : value;
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

/// <summary>The serializer setup silo and client share; for hosts that build their own service collection.</summary>
public static class OrleansVmSerialization
{
    /// <summary>
    /// JsonNode trees (payloads, state, UI) through Orleans' System.Text.Json codec: it writes the
    /// UTF-8 JSON text and reparses it, and deep-copies with <c>DeepClone</c> for calls inside a silo.
    /// </summary>
    public static IServiceCollection AddOrleansVmSerializer(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsJsonNode));

    private static bool IsJsonNode(Type type) => type.Namespace == "System.Text.Json.Nodes";
}
