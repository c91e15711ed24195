namespace OrleansVm.Cli;

/// <summary>Exit statuses of cli.md.</summary>
public static class CliExitCodes
{
    public const int Ok = 0;
    public const int PluginFailed = 1;
    public const int UsageError = 2;
}
