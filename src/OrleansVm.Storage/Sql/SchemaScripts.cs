using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansVm.Storage;

/// <summary>The schema scripts of deploy/sql/&lt;dialect&gt;/, embedded at build time, in file-name order.</summary>
internal static partial class SchemaScripts
{
    private const string ResourcePrefix = "OrleansVm.Storage.Schema.";

    /// <summary>The record store's own scripts (file names containing "grain_state"), renamed to its table.</summary>
    public static bool GrainStateOnly(string fileName) => fileName.Contains("grain_state", StringComparison.Ordinal);

    /// <summary>The SQLite reminder table's script.</summary>
    public static bool RemindersOnly(string fileName) => fileName.Contains("reminders", StringComparison.Ordinal);

    /// <summary>Every script of the dialect, in file-name order (the PostgreSQL schema of <see cref="OrleansVmPostgresSchema"/>).</summary>
    public static bool All(string fileName) => true;

    public static IReadOnlyList<(string Name, string Sql)> Load(string dialect, string tableName, Func<string, bool> include)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Where(name => include(name[prefix.Length..]))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[prefix.Length..], Rename(Read(assembly, name), tableName)))
            .ToList();
        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No embedded schema scripts for '{dialect}' (expected deploy/sql/{dialect}/*.sql).");
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The grain-state scripts name the default table; a configured table name (a validated identifier) replaces it.
    // No other script contains the word grain_state, so they pass through unchanged.
    private static string Rename(string sql, string tableName) =>
        tableName == SqlGrainStorageOptions.DefaultTableName ? sql : DefaultTableWord().Replace(sql, tableName);

    [GeneratedRegex(@"\bgrain_state\b")]
    private static partial Regex DefaultTableWord();
}
