namespace OrleansVm.Storage;

/// <summary>Settings of <see cref="SqliteReminderTable"/>: the SQLite file, normally the grain-state file of the data directory.</summary>
public sealed class SqliteReminderOptions
{
    /// <summary>Path of the database file (created if missing); use the grain storage's path to keep one file.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Options for <c>{dataDirectory}/grain-state.db</c>, the file <see cref="SqliteGrainStorageOptions.ForDataDirectory"/> uses.</summary>
    public static SqliteReminderOptions ForDataDirectory(string dataDirectory) =>
        new() { DatabasePath = Path.Combine(dataDirectory, SqliteGrainStorageOptions.DefaultFileName) };
}
