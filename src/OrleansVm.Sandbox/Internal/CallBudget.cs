using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The time, allocation and stack budget of one host call. Checked by the guard the program
/// instrumentation puts at every function entry, loop iteration and string concatenation, and
/// by the hardened built-ins.
/// </summary>
internal sealed class CallBudget(long maxMemoryBytes, long maxStackBytes)
{
    private long _deadline;
    private nint _stackBase;
    private long _memoryStart;
    private TimeSpan _timeout;

    public TimeSpan Timeout => _timeout;

    public void Start(TimeSpan timeout)
    {
        _timeout = timeout;
        _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _memoryStart = GC.GetAllocatedBytesForCurrentThread();
        _stackBase = StackAddress();
    }

    /// <summary>Bytes of .NET stack used since the call started.</summary>
    public long StackUsed => _stackBase - StackAddress();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe nint StackAddress()
    {
        byte marker = 0;
        return (nint)(&marker);
    }

    public long Allocated => GC.GetAllocatedBytesForCurrentThread() - _memoryStart;

    public void Check()
    {
        if (Stopwatch.GetTimestamp() > _deadline) throw TimedOut();
        if (Allocated > maxMemoryBytes) throw MemoryExceeded();
        // Calls Jint does not count (new, getters, toString, callbacks from natives) still use stack.
        if (StackUsed > maxStackBytes) throw DepthExceeded();
        CheckStack();
    }

    /// <summary>Refuses an operation that would allocate more than the rest of the budget.</summary>
    public void EnsureCanAllocate(double bytes)
    {
        if (bytes > maxMemoryBytes - Allocated) throw MemoryExceeded();
    }

    /// <summary>Ends the call long before the .NET stack could overflow, whatever recursed.</summary>
    public static void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw DepthExceeded();
    }

    public SandboxAbort TimedOut() => SandboxAbort.Of(
        SandboxErrorCodes.RuntimeTimeout, $"Script exceeded its time limit of {(int)_timeout.TotalMilliseconds} ms");

    public SandboxAbort MemoryExceeded() =>
        SandboxAbort.Limit("memory", $"Script exceeded its memory limit of {maxMemoryBytes / (1024 * 1024)} MiB");

    public static SandboxAbort DepthExceeded() =>
        SandboxAbort.Limit("depth", "Script exceeded the maximum call depth");
}
