namespace OrleansVm.Storage;

/// <summary>
/// The statements of the SQL providers. The same text runs on SQLite and PostgreSQL. Compare-and-swap is
/// in the WHERE / ON CONFLICT clause, so a row count of 1 means "committed" and 0 means "conflict".
/// </summary>
internal sealed class GrainStateSql(string table)
{
    public string Read { get; } =
        $"SELECT etag, payload FROM {table} WHERE state_type = @state_type AND grain_key = @grain_key";

    public string StoredEtag { get; } =
        $"SELECT etag FROM {table} WHERE state_type = @state_type AND grain_key = @grain_key";

    /// <summary>First write (expected ETag 0): inserts ETag 1 unless any row, tombstone included, exists.</summary>
    public string Insert { get; } =
        $"INSERT INTO {table} (state_type, grain_key, etag, payload, updated_at) " +
        "VALUES (@state_type, @grain_key, 1, @payload, CURRENT_TIMESTAMP) " +
        "ON CONFLICT (state_type, grain_key) DO NOTHING";

    /// <summary>Later writes and clears (payload NULL): bump the ETag only if it is still the expected one.</summary>
    public string Update { get; } =
        $"UPDATE {table} SET etag = etag + 1, payload = @payload, updated_at = CURRENT_TIMESTAMP " +
        "WHERE state_type = @state_type AND grain_key = @grain_key AND etag = @expected_etag";
}
