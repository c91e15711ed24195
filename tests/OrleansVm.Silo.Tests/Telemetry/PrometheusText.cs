using System.Globalization;

namespace OrleansVm.Silo.Tests;

/// <summary>Reads samples out of a Prometheus text exposition (what /metrics serves).</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of every sample of <paramref name="metric"/> (all label sets) whose labels contain <paramref name="label"/>, or null when there is none.</summary>
    public double? Sum(string metric, string? label = null)
    {
        double? sum = null;
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal)) continue;
            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue; // a longer name that starts the same
            var labels = rest[0] == '{' ? rest[..(LabelsEnd(rest) + 1)] : "";
            if (label is not null && !labels.Contains(label, StringComparison.Ordinal)) continue;
            var value = rest[labels.Length..].Trim().Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    // The closing brace of a label set; label values are quoted and may hold braces (route templates).
    private static int LabelsEnd(string rest)
    {
        var quoted = false;
        for (var i = 1; i < rest.Length; i++)
        {
            if (rest[i] == '\\') i++;
            else if (rest[i] == '"') quoted = !quoted;
            else if (rest[i] == '}' && !quoted) return i;
        }
        throw new FormatException($"Unclosed label set: {rest}");
    }

    /// <summary>Names of the metrics that have at least one sample.</summary>
    public IEnumerable<string> Names() =>
        Text.Split('\n').Where(l => l.Length != 0 && !l.StartsWith('#')).Select(l => l[..l.IndexOfAny(['{', ' '])]).Distinct();
}
