using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using OrleansVm.Storage;

// In Orleans.Hosting, next to Orleans' own AddXxxGrainStorage, so silo code finds them without another using.
namespace Orleans.Hosting;

/// <summary>Registers OrleansVm's storage providers and reminder tables on a silo.</summary>
public static class OrleansVmStorageSiloBuilderExtensions
{
    /// <summary>Orleans' ADO.NET invariant for PostgreSQL through Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// The project's SQLite provider (embedded default: one file, WAL, synchronous=FULL, integer ETag CAS,
    /// group commit) as the Orleans grain storage <paramref name="name"/>. The file and schema are created at
    /// silo start.
    /// </summary>
    public static ISiloBuilder AddOrleansVmSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        return builder.AddOrleansVmGrainStorage(name, (services, storageName) => new SqliteGrainStateStore(
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(storageName),
            services.GetRequiredService<ILogger<SqliteGrainStateStore>>()));
    }

    /// <summary>
    /// The project's PostgreSQL provider (clusters: same contract and group commit) as the Orleans grain
    /// storage <paramref name="name"/>. The table must exist (<see cref="OrleansVmPostgresSchema.EnsureAsync"/>,
    /// i.e. <c>--init-schema</c>) unless <see cref="SqlGrainStorageOptions.EnsureSchema"/> is set.
    /// </summary>
    public static ISiloBuilder AddOrleansVmPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddOptions<PostgresGrainStorageOptions>(name).Configure(configure);
        return builder.AddOrleansVmGrainStorage(name, (services, storageName) => new PostgresGrainStateStore(
            services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(storageName),
            services.GetRequiredService<ILogger<PostgresGrainStateStore>>()));
    }

    /// <summary>
    /// Orleans' own ADO.NET provider on PostgreSQL (invariant "Npgsql"; Orleans' schema, see deploy/sql/postgres),
    /// for users who already run it. States are stored as System.Text.Json, like the project's providers.
    /// </summary>
    public static ISiloBuilder AddOrleansVmAdoNetGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = OrleansVmJsonGrainStorageSerializer.Default;
        });
    }

    /// <summary>Orleans' memory provider with the project's JSON serializer: state goes through the same serialization as in production.</summary>
    public static ISiloBuilder AddOrleansVmMemoryGrainStorage(this ISiloBuilder builder, string name) =>
        builder.AddMemoryGrainStorage(name, options => options.GrainStorageSerializer = OrleansVmJsonGrainStorageSerializer.Default);

    /// <summary>
    /// Durable reminders in SQLite (the embedded single-silo default), normally in the grain-state file:
    /// <c>o.DatabasePath = Path.Combine(dataDirectory, SqliteGrainStorageOptions.DefaultFileName)</c>.
    /// </summary>
    public static ISiloBuilder UseOrleansVmSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderOptions> configure)
    {
        builder.AddReminders();
        builder.Services.AddOptions<SqliteReminderOptions>().Configure(configure);
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<SqliteReminderTable>();
        builder.Services.AddSingleton<IReminderTable>(services => services.GetRequiredService<SqliteReminderTable>());
        return builder;
    }

    /// <summary>Orleans' ADO.NET reminders on PostgreSQL (invariant "Npgsql"; Orleans' schema, see deploy/sql/postgres).</summary>
    public static ISiloBuilder UseOrleansVmPostgresReminderService(this ISiloBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
        });
    }

    private static ISiloBuilder AddOrleansVmGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, string, IGrainStateStore> createStore)
    {
        builder.Services.AddGrainStorage(name, (services, storageName) => new OrleansVmGrainStorage(
            storageName,
            createStore(services, storageName),
            services.GetService<OrleansVmJsonGrainStorageSerializer>() ?? OrleansVmJsonGrainStorageSerializer.Default,
            services.GetRequiredService<ILogger<OrleansVmGrainStorage>>()));
        return builder;
    }
}
