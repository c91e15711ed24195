using Npgsql;

namespace OrleansVm.Storage;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>: a connection string, or a data source the host already owns.</summary>
public sealed class PostgresGrainStorageOptions : SqlGrainStorageOptions
{
    /// <summary>Npgsql connection string (pooling settings such as Maximum Pool Size go here).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A shared data source; when set it wins over <see cref="ConnectionString"/> and is not disposed by the provider.</summary>
    public NpgsqlDataSource? DataSource { get; set; }
}
