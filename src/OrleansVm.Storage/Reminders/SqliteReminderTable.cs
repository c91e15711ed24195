using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansVm.Storage;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> in SQLite, for the embedded single-silo default: the same file as
/// the grain state, WAL, <c>synchronous=FULL</c>, so a reminder that was acknowledged survives a crash.
/// Reminder writes are rare (registration, removal), so each is one small transaction; no group commit.
/// ETags are decimal integers from one growing counter (see deploy/sql/sqlite/002_reminders.sql).
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, etag";

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly string _serviceId;
    private readonly ILogger _logger;

    public SqliteReminderTable(IOptions<SqliteReminderOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
        : this(options.Value, clusterOptions.Value.ServiceId, logger)
    {
    }

    public SqliteReminderTable(SqliteReminderOptions options, string serviceId, ILogger<SqliteReminderTable> logger)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException("SqliteReminderOptions.DatabasePath is required.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _databasePath = Path.GetFullPath(options.DatabasePath);
        _serviceId = serviceId;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30, // the grain-state writer may hold the write lock: wait for it, do not fail
        }.ToString();
    }

    public Task Init() => StartAsync(CancellationToken.None);

    /// <summary>Creates the file and the tables (idempotent) before the reminder service reads anything.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (_, sql) in SchemaScripts.Load("sqlite", SqlGrainStorageOptions.DefaultTableName, SchemaScripts.RemindersOnly))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _logger.ReminderTableReady(_databasePath, _serviceId);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Releases the pooled handles so the file is checkpointed and closed with the silo.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return Task.CompletedTask;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain",
            command => command.Parameters.AddWithValue("$grain", grainId.ToString()), cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>
    /// Reminders whose grain hash lies in the ring range (begin, end]; when begin ≥ end the range wraps
    /// around zero (begin = end is the whole ring), as Orleans' own tables read it.
    /// </summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        return QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND {range}", command =>
        {
            command.Parameters.AddWithValue("$begin", (long)begin);
            command.Parameters.AddWithValue("$end", (long)end);
        }, cancellationToken);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The reminder, or null when there is none (Orleans' reminder service checks for null).</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name", command =>
        {
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
        }, cancellationToken).ConfigureAwait(false);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder and returns its new ETag (the one passed in is ignored, as in Orleans' tables).</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "UPDATE orleans_reminder_etags SET last = last + 1 WHERE id = 1; " +
            "INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_at_ticks, period_ticks, grain_hash, etag) " +
            "VALUES ($service, $grain, $name, $start, $period, $hash, (SELECT last FROM orleans_reminder_etags WHERE id = 1)) " +
            "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET " +
            "start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, grain_hash = excluded.grain_hash, etag = excluded.etag " +
            "RETURNING etag";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$start", ToUtc(entry.StartAt).Ticks);
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        var etag = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the reminder only if <paramref name="eTag"/> is its current ETag; false otherwise (nothing changed).</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return false; // an ETag this table never issued cannot be the current one
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$etag", expected);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM orleans_reminders WHERE service_id = $service";
        command.Parameters.AddWithValue("$service", _serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // Per connection: a reminder the service was told is stored is fsynced in the WAL.
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc), // Orleans hands out UTC; an unspecified kind is taken as UTC
    };
}
