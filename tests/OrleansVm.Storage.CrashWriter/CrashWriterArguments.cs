namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// Command line: <c>--provider sqlite|postgres [--database PATH] [--connection CS] [--writers N]
/// [--keys-per-writer K] [--group-commit on|off] [--bench [--seconds S]]</c>.
/// </summary>
public sealed record CrashWriterArguments(
    string Provider,
    string? DatabasePath,
    string? ConnectionString,
    int Writers,
    int KeysPerWriter,
    bool? GroupCommit,
    bool Bench,
    double Seconds)
{
    public static CrashWriterArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var bench = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--bench")
            {
                bench = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        return new CrashWriterArguments(
            Provider: values.GetValueOrDefault("provider", "sqlite"),
            DatabasePath: values.GetValueOrDefault("database"),
            ConnectionString: values.GetValueOrDefault("connection"),
            Writers: int.Parse(values.GetValueOrDefault("writers", "64"), System.Globalization.CultureInfo.InvariantCulture),
            KeysPerWriter: int.Parse(values.GetValueOrDefault("keys-per-writer", "4"), System.Globalization.CultureInfo.InvariantCulture),
            GroupCommit: values.TryGetValue("group-commit", out var groupCommit) ? groupCommit == "on" : null,
            Bench: bench,
            Seconds: double.Parse(values.GetValueOrDefault("seconds", "5"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
