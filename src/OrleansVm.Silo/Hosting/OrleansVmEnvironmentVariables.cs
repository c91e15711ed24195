using System.Collections;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Reads <c>ORLEANSVM_*</c> environment variables as keys of the <c>OrleansVm</c> section:
/// single underscores are dropped (<c>ORLEANSVM_OPERATOR_TOKEN</c> → <c>OrleansVm:OperatorToken</c>,
/// keys are case-insensitive) and a double underscore nests (<c>ORLEANSVM_LIMITS__RENDER_TIMEOUT_MS</c>).
/// </summary>
public static class OrleansVmEnvironmentVariables
{
    public const string Prefix = "ORLEANSVM_";

    public static IReadOnlyDictionary<string, string?> Read(IDictionary variables)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var path = name[Prefix.Length..]
                .Split("__")
                .Select(part => part.Replace("_", "", StringComparison.Ordinal));
            values[SiloSettings.Section + ":" + string.Join(':', path)] = entry.Value as string;
        }
        return values;
    }
}
