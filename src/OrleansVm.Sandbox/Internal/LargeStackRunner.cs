using System.Runtime.ExceptionServices;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Runs work on a dedicated thread with a stack large enough for a recursion the caller cannot bound.</summary>
internal static class LargeStackRunner
{
    public static T Run<T>(int stackBytes, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception ex) { failure = ExceptionDispatchInfo.Capture(ex); }
        }, stackBytes)
        {
            IsBackground = true,
            Name = "OrleansVm.Sandbox large stack",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
