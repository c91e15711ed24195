using System.CommandLine;

namespace OrleansVm.Cli;

/// <summary><c>--workspace</c> of the instance commands; <c>ORLEANSVM_WORKSPACE</c> when not given.</summary>
internal static class WorkspaceOption
{
    public const string Variable = "ORLEANSVM_WORKSPACE";

    public static Option<string?> Create() => new("--workspace", "-w")
    {
        Description = $"The workspace (default: ${Variable})",
        Recursive = true,
    };

    public static string Read(ParseResult parseResult, Option<string?> option)
    {
        var workspace = parseResult.GetValue(option) ?? Environment.GetEnvironmentVariable(Variable);
        return workspace is { Length: > 0 }
            ? workspace
            : throw new CliUsageException(CliErrorCodes.UsageError, $"--workspace is required (or set {Variable})");
    }
}
