namespace OrleansVm.Storage.CrashWriter;

/// <summary>Builds the provider under test from the command line (schema applied on first use for both).</summary>
public static class StorageFactory
{
    public static SqlGrainStateStore Create(string provider, string? databasePath, string? connectionString, bool groupCommit) => provider switch
    {
        "sqlite" => new SqliteGrainStateStore(new SqliteGrainStorageOptions
        {
            DatabasePath = databasePath ?? throw new ArgumentException("--database is required for sqlite"),
            GroupCommit = groupCommit,
        }),
        "postgres" => new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = connectionString ?? throw new ArgumentException("--connection is required for postgres"),
            GroupCommit = groupCommit,
            EnsureSchema = true,
        }),
        _ => throw new ArgumentException($"Unknown provider '{provider}' (sqlite or postgres)."),
    };
}
