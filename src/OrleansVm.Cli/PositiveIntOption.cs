using System.CommandLine;
using System.Globalization;

namespace OrleansVm.Cli;

/// <summary>An optional integer option that must be at least 1.</summary>
internal static class PositiveIntOption
{
    // A custom parser, so "abc", "0" and "-1" all get the same plain message.
    public static Option<int?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "n",
        CustomParser = result =>
        {
            if (int.TryParse(result.Tokens.Single().Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value >= 1)
            {
                return value;
            }

            result.AddError($"{name} must be a positive integer");
            return null;
        },
    };
}
