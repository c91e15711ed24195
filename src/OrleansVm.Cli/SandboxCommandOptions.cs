using System.CommandLine;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>The plugin file and sandbox settings every <c>plugin</c> subcommand takes.</summary>
internal sealed class SandboxCommandOptions
{
    public Argument<string> File { get; } = new("file") { Description = "The plugin script: modern JavaScript (ES2023, run by Jint 4.18), one script calling definePlugin once (or `export default definePlugin(...)`); no eval/Function, BigInt, typed arrays, timers, modules from disk" };

    public Option<int?> TimeoutMs { get; } = PositiveIntOption.Create(
        "--timeout-ms", "Lower the load, render and event time limits to this many milliseconds");

    public Option<int?> MaxMemoryMb { get; } = PositiveIntOption.Create(
        "--max-memory-mb", "Lower the per-call memory limit to this many MiB");

    public Option<string?> Modules { get; } = new("--modules")
    {
        Description = "Comma-separated native modules to enable (default: every registered module; \"\" for none)",
        HelpName = "a,b",
    };

    public void AddTo(Command command)
    {
        command.Add(File);
        command.Add(TimeoutMs);
        command.Add(MaxMemoryMb);
        command.Add(Modules);
    }

    /// <exception cref="CliUsageException">A module name is a JavaScript built-in or not registered.</exception>
    public SandboxRunSettings Read(ParseResult parseResult)
    {
        var registry = NativeModuleRegistry.CreateDefault();
        return new SandboxRunSettings(
            parseResult.GetRequiredValue(File),
            LowerLimits(SandboxLimits.Default, parseResult.GetValue(TimeoutMs), parseResult.GetValue(MaxMemoryMb)),
            registry,
            EnabledModules(registry, parseResult.GetValue(Modules)));
    }

    // The CLI may only tighten the silo's defaults, so a plugin that passes here passes there.
    private static SandboxLimits LowerLimits(SandboxLimits limits, int? timeoutMs, int? maxMemoryMb)
    {
        if (timeoutMs is { } ms)
        {
            var timeout = TimeSpan.FromMilliseconds(ms);
            limits = limits with
            {
                LoadTimeout = Min(limits.LoadTimeout, timeout),
                RenderTimeout = Min(limits.RenderTimeout, timeout),
                EventTimeout = Min(limits.EventTimeout, timeout),
            };
        }
        if (maxMemoryMb is { } mb)
            limits = limits with { MaxMemoryBytes = Math.Min(limits.MaxMemoryBytes, mb * 1024L * 1024L) };
        return limits;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static IReadOnlySet<string> EnabledModules(NativeModuleRegistry registry, string? modulesOption)
    {
        var names = modulesOption is null
            ? registry.All.Select(module => module.Name)
            : modulesOption.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return registry.NormalizeNames(names);
        }
        catch (SandboxException e)
        {
            // A bad name on the command line is the caller's mistake, not the plugin's.
            throw new CliUsageException(e.Code, e.Message, e.Details);
        }
    }
}
