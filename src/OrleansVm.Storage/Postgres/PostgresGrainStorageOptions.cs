using Npgsql;

namespace OrleansVm.Storage;

/// <summary>Settings of <see cref="PostgresGrainStateStore"/>: a connection string, or a data source the host already owns.</summary>
public sealed class PostgresGrainStorageOptions : SqlGrainStorageOptions
{
    /// <summary>Npgsql connection string (pooling settings such as Maximum Pool Size go here).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A shared data source; when set it wins over <see cref="ConnectionString"/> and is not disposed by the provider.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Group commit: batches in flight at once, each on its own pooled connection and writer loop. Writes are
    /// routed by key hash, so one key always uses the same loop (call order kept, never in two concurrent
    /// batches). A batch costs round trips and server CPU, not just an fsync, so one loop leaves the pipeline
    /// idle while it waits. Default 1: on the 2-core test VM, 2–4 loops measured no better than 1 (CPU-bound) and
    /// doubled WAL fsyncs per write; raise it on a server with spare cores or a long round trip.
    /// </summary>
    public int WriterLoops { get; set; } = 1;
}
