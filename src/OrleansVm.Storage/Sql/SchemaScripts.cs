using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansVm.Storage;

/// <summary>The schema scripts of deploy/sql/&lt;dialect&gt;/, embedded at build time, in file-name order.</summary>
internal static partial class SchemaScripts
{
    private const string ResourcePrefix = "OrleansVm.Storage.Schema.";

    public static IReadOnlyList<(string Name, string Sql)> Load(string dialect, string tableName)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
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

    // The scripts name the default table; a configured table name (a validated identifier) replaces it.
    private static string Rename(string sql, string tableName) =>
        tableName == SqlGrainStorageOptions.DefaultTableName ? sql : DefaultTableWord().Replace(sql, tableName);

    [GeneratedRegex(@"\bgrain_state\b")]
    private static partial Regex DefaultTableWord();
}
