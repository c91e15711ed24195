namespace OrleansVm.Cli;

/// <summary>Error codes of the command line itself; plugin failures use the sandbox's codes.</summary>
public static class CliErrorCodes
{
    /// <summary>A malformed command line or option value.</summary>
    public const string UsageError = "USAGE_ERROR";

    /// <summary>A file that cannot be read.</summary>
    public const string FileError = "FILE_ERROR";

    /// <summary>A failure of the tool, not of the plugin (a bug worth reporting).</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
