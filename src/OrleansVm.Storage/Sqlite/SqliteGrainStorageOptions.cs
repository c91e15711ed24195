namespace OrleansVm.Storage;

/// <summary>Settings of <see cref="SqliteGrainStateStore"/>: one database file, by default under the silo's data directory.</summary>
public sealed class SqliteGrainStorageOptions : SqlGrainStorageOptions
{
    public const string DefaultFileName = "grain-state.db";

    public SqliteGrainStorageOptions()
    {
        EnsureSchema = true; // embedded default: the silo just works on an empty data directory
    }

    /// <summary>Path of the database file; its directory is created if missing.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Options for <c>{dataDirectory}/grain-state.db</c>.</summary>
    public static SqliteGrainStorageOptions ForDataDirectory(string dataDirectory) =>
        new() { DatabasePath = Path.Combine(dataDirectory, DefaultFileName) };
}
