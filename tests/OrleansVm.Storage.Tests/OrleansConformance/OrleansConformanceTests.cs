using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.OrleansConformance;

/// <summary>Orleans' own memory provider (tests), with the project's JSON serializer.</summary>
public sealed class MemoryGrainStorageConformanceTests(GrainStorageSiloFixture silo)
    : OrleansGrainStorageConformanceTests(silo), IClassFixture<GrainStorageSiloFixture>
{
    protected override GrainStorageSemantics Semantics => GrainStorageSemantics.OrleansMemory;

    protected override Task<Action<ISiloBuilder>> ConfigureAsync() =>
        Task.FromResult<Action<ISiloBuilder>>(silo => silo.AddOrleansVmMemoryGrainStorage(GrainStorageSiloFixture.StorageName));
}

/// <summary>The project's SQLite provider (embedded default), group commit on.</summary>
public sealed class SqliteGrainStorageConformanceTests(GrainStorageSiloFixture silo)
    : OrleansGrainStorageConformanceTests(silo), IClassFixture<GrainStorageSiloFixture>
{
    private readonly GrainStorageSiloFixture _silo = silo;

    protected override GrainStorageSemantics Semantics => GrainStorageSemantics.OrleansVm;

    protected override Task<Action<ISiloBuilder>> ConfigureAsync() =>
        Task.FromResult<Action<ISiloBuilder>>(builder => builder.AddOrleansVmSqliteGrainStorage(GrainStorageSiloFixture.StorageName,
            options => options.DatabasePath = _silo.Directory.Combine(SqliteGrainStorageOptions.DefaultFileName)));
}

/// <summary>The project's PostgreSQL provider (clusters), group commit on; schema by OrleansVmPostgresSchema.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGrainStorageConformanceTests(PostgresServerFixture postgres, GrainStorageSiloFixture silo)
    : OrleansGrainStorageConformanceTests(silo), IClassFixture<GrainStorageSiloFixture>
{
    protected override GrainStorageSemantics Semantics => GrainStorageSemantics.OrleansVm;

    protected override async Task<Action<ISiloBuilder>> ConfigureAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("orleans_conformance_ours");
        await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
        return builder => builder.AddOrleansVmPostgresGrainStorage(GrainStorageSiloFixture.StorageName, options => options.ConnectionString = connectionString);
    }
}

/// <summary>The project's PostgreSQL provider with group commit off (one transaction per write).</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresTransactionPerWriteGrainStorageConformanceTests(PostgresServerFixture postgres, GrainStorageSiloFixture silo)
    : OrleansGrainStorageConformanceTests(silo), IClassFixture<GrainStorageSiloFixture>
{
    protected override GrainStorageSemantics Semantics => GrainStorageSemantics.OrleansVm;

    protected override async Task<Action<ISiloBuilder>> ConfigureAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("orleans_conformance_ours_direct");
        return builder => builder.AddOrleansVmPostgresGrainStorage(GrainStorageSiloFixture.StorageName, options =>
        {
            options.ConnectionString = connectionString;
            options.GroupCommit = false;
            options.EnsureSchema = true; // the provider's own schema path, without --init-schema
        });
    }
}

/// <summary>Orleans' ADO.NET provider on PostgreSQL (Npgsql), on the schema of deploy/sql/postgres.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class AdoNetPostgresGrainStorageConformanceTests(PostgresServerFixture postgres, GrainStorageSiloFixture silo)
    : OrleansGrainStorageConformanceTests(silo), IClassFixture<GrainStorageSiloFixture>
{
    protected override GrainStorageSemantics Semantics => GrainStorageSemantics.OrleansAdoNet;

    protected override async Task<Action<ISiloBuilder>> ConfigureAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("orleans_conformance_adonet");
        await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
        return builder => builder.AddOrleansVmAdoNetGrainStorage(GrainStorageSiloFixture.StorageName, connectionString);
    }
}
