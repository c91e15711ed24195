using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansVm.Runtime;
using OrleansVm.Storage;

namespace OrleansVm.Silo.Hosting;

/// <summary>Registers the configured grain storage as the default provider.</summary>
public static class StorageRegistration
{
    public static void AddConfiguredStorage(this SiloBuilder silo, SiloSettings settings, string dataDirectory)
    {
        switch (settings.Storage)
        {
            case StorageKind.Memory:
                silo.AddMemoryGrainStorage();
                break;
            case StorageKind.Sqlite:
                var sqlite = SqliteGrainStorageOptions.ForDataDirectory(dataDirectory);
                silo.AddGrainStorage(GrainStorageNames.Default, sp => new SqliteGrainStorage(sqlite, sp.GetService<ILogger<SqliteGrainStorage>>()));
                break;
            case StorageKind.Postgres:
                if (string.IsNullOrWhiteSpace(settings.ConnectionString))
                    throw new SiloConfigurationException("--storage postgres needs --connection-string (or ORLEANSVM_CONNECTION_STRING).");
                var postgres = new PostgresGrainStorageOptions { ConnectionString = settings.ConnectionString, EnsureSchema = settings.InitSchema };
                silo.AddGrainStorage(GrainStorageNames.Default, sp => new PostgresGrainStorage(postgres, sp.GetService<ILogger<PostgresGrainStorage>>()));
                break;
            default:
                throw new SiloConfigurationException($"Unknown storage '{settings.Storage}' (sqlite, postgres or memory).");
        }
    }

    /// <summary>Applies the schema now (when asked, and always for SQLite) so a bad database fails the start, not the first request.</summary>
    public static async Task PrepareStorageAsync(IServiceProvider services, SiloSettings settings, CancellationToken ct)
    {
        if (settings.Storage == StorageKind.Memory) return;
        if (settings.Storage == StorageKind.Postgres && !settings.InitSchema) return;
        if (services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default) is SqlGrainStorage sql)
            await sql.EnsureSchemaAsync(ct);
    }
}
