using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>Loads the plugin file into a fresh sandbox, as the silo would, and runs one call on it.</summary>
internal sealed class PluginRunner(SandboxRunSettings settings, CliConsole console)
{
    public async Task<T> RunAsync<T>(Func<PluginSandbox, T> call, TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        var code = await PluginFile.ReadAsync(settings.FilePath, settings.Limits.MaxCodeBytes, cancellationToken);
        var options = new SandboxOptions
        {
            Limits = settings.Limits,
            Modules = settings.Modules,
            EnabledModules = settings.EnabledModules,
            Log = new StderrPluginLog(console.Error),
        };
        // The warm-up of a cold process (JIT of the interpreter's paths: seconds of wall time on a loaded
        // 2-core box) runs before the watchdog's clock, like it runs outside the sandbox's own clocks.
        await Task.Run(PluginSandbox.WarmUp, cancellationToken);
        var budget = settings.Limits.LoadTimeout + callTimeout + Watchdog.Margin;
        return await Watchdog.RunAsync(
            () => call(PluginSandbox.Load(PluginProgram.Parse(code, settings.Limits), options)),
            budget,
            cancellationToken);
    }
}
