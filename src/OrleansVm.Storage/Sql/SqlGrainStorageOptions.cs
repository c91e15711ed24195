using System.Text.RegularExpressions;

namespace OrleansVm.Storage;

/// <summary>Settings shared by the SQL providers. Public and mutable so hosts and benchmarks can flip them.</summary>
public abstract partial class SqlGrainStorageOptions
{
    public const string DefaultTableName = "grain_state";

    /// <summary>Table holding the records; a plain identifier (it is spliced into SQL, so it is validated).</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// True (default): concurrent writes are queued and committed together, one transaction (one fsync) per
    /// batch. False: every write commits in its own transaction (the baseline group commit is measured against).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Most writes one group-commit transaction takes from the queue.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Apply the schema scripts on first use. Defaults: on for SQLite, off for PostgreSQL (the silo's --init-schema).</summary>
    public bool EnsureSchema { get; set; }

    internal void Validate()
    {
        if (!IdentifierPattern().IsMatch(TableName))
        {
            throw new ArgumentException($"Table name '{TableName}' must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters).");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "Must be at least 1.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
