using Orleans.Hosting;
using OrleansVm.Grains;
using OrleansVm.Storage;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Registers grain storage (the provider every OrleansVm grain names) and the reminder service on the
/// same store, as <c>--storage</c> says: reminders must survive exactly what the state survives.
/// </summary>
public static class StorageRegistration
{
    /// <summary>What <see cref="OrleansVmSiloBuilderExtensions.AddOrleansVm"/> registers itself: only memory is built in.</summary>
    public static void ChooseBuiltIn(OrleansVmOptions options, SiloSettings settings)
    {
        var memory = settings.Storage == StorageKind.Memory;
        options.Storage = memory ? OrleansVmStorageKind.Memory : OrleansVmStorageKind.External;
        options.Reminders = memory ? OrleansVmReminderKind.Memory : OrleansVmReminderKind.External;
    }

    /// <exception cref="SiloConfigurationException">PostgreSQL without a connection string.</exception>
    public static void AddConfiguredStorage(this ISiloBuilder silo, SiloSettings settings, string dataDirectory)
    {
        switch (settings.Storage)
        {
            case StorageKind.Memory:
                break; // AddOrleansVm registers memory storage and in-memory reminders
            case StorageKind.Sqlite:
                var file = Path.Combine(dataDirectory, SqliteGrainStorageOptions.DefaultFileName);
                silo.AddOrleansVmSqliteGrainStorage(OrleansVmStorage.ProviderName, o => o.DatabasePath = file);
                silo.UseOrleansVmSqliteReminderService(o => o.DatabasePath = file);
                break;
            case StorageKind.Postgres:
                var connectionString = RequireConnectionString(settings);
                silo.AddOrleansVmPostgresGrainStorage(OrleansVmStorage.ProviderName, o => o.ConnectionString = connectionString);
                silo.UseOrleansVmPostgresReminderService(connectionString);
                break;
            case StorageKind.AdoNet:
                var adoNet = RequireConnectionString(settings);
                silo.AddOrleansVmAdoNetGrainStorage(OrleansVmStorage.ProviderName, adoNet);
                silo.UseOrleansVmPostgresReminderService(adoNet);
                break;
            default:
                throw new SiloConfigurationException($"Unknown storage '{settings.Storage}' (sqlite, postgres, adonet or memory).");
        }
    }

    /// <summary>Checked while building, so a missing connection string fails before anything starts.</summary>
    public static void Validate(SiloSettings settings)
    {
        if (settings.Storage is StorageKind.Postgres or StorageKind.AdoNet) RequireConnectionString(settings);
    }

    private static string RequireConnectionString(SiloSettings settings) =>
        string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? throw new SiloConfigurationException(
                $"--storage {settings.Storage.ToString().ToLowerInvariant()} needs --connection-string (or ORLEANSVM_CONNECTION_STRING).")
            : settings.ConnectionString;
}
