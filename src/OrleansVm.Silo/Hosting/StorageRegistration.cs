using OrleansVm.Grains;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Turns <c>--storage</c> into <see cref="OrleansVmOptions"/>: grain state (the provider every OrleansVm grain
/// names) and reminders on the same store, since reminders must survive exactly what the state survives.
/// </summary>
public static class StorageRegistration
{
    /// <exception cref="SiloConfigurationException">PostgreSQL without a connection string, or an unknown kind.</exception>
    public static void Apply(OrleansVmOptions options, SiloSettings settings, string dataDirectory)
    {
        switch (settings.Storage)
        {
            case StorageKind.Memory:
                options.Storage = OrleansVmStorageKind.Memory;
                options.Reminders = OrleansVmReminderKind.Memory;
                break;
            case StorageKind.Sqlite:
                options.UseSqlite(dataDirectory); // state and reminders in <data-dir>/grain-state.db
                break;
            case StorageKind.Postgres:
                options.UsePostgres(RequireConnectionString(settings)); // our provider, Orleans' ADO.NET reminders
                break;
            case StorageKind.AdoNet:
                options.UsePostgres(RequireConnectionString(settings), adoNetStorage: true);
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
