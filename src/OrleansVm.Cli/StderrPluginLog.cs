using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>Shows the plugin's console output on stderr, keeping stdout for the one JSON result.</summary>
internal sealed class StderrPluginLog(TextWriter error) : IPluginLog
{
    private readonly Lock _gate = new();

    public void Write(string level, string message)
    {
        // The sandbox calls this from its own thread; a TextWriter is not thread-safe.
        lock (_gate)
            error.WriteLine($"[plugin {level}] {message}");
    }
}
