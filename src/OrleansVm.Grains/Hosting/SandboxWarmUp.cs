using Microsoft.Extensions.Logging;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// The sandbox warms up once per process on its first load and has no log of its own: the first instance that
/// loads a sandbox after a failed warm-up logs it, once per process.
/// </summary>
internal static class SandboxWarmUp
{
    private static int _reported;

    public static void LogFailureOnce(ILogger logger)
    {
        if (PluginSandbox.WarmUpFailure is { } failure && Interlocked.Exchange(ref _reported, 1) == 0)
            logger.SandboxWarmUpFailed(failure);
    }
}
