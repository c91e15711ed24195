using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>
/// A last line of defence: the sandbox enforces the time limits itself, but if a call ever
/// outlives its budget the CLI still answers RUNTIME_TIMEOUT instead of hanging. The stuck
/// work runs on its own thread, which the process abandons at exit.
/// </summary>
internal static class Watchdog
{
    /// <summary>Beyond the sandbox's own limits, so it only fires if the sandbox fails to stop a script.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <param name="clock">Measures the budget; the system clock unless a test fakes it.</param>
    public static async Task<T> RunAsync<T>(Func<T> work, TimeSpan budget, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning,
                                         TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(budget, clock ?? TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new SandboxException(SandboxErrorCodes.RuntimeTimeout,
                                       $"The plugin did not finish within {budget.TotalMilliseconds:0} ms",
                                       new JsonObject { ["limit"] = "watchdog" });
        }
    }
}
