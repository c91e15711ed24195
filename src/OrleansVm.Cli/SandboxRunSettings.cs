using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>What a <c>plugin</c> subcommand runs, and under which limits and modules.</summary>
internal sealed record SandboxRunSettings(
    string FilePath,
    SandboxLimits Limits,
    NativeModuleRegistry Modules,
    IReadOnlySet<string> EnabledModules);
