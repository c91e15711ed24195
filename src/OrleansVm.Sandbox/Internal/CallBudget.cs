using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The time, memory and stack budget of one host call. Checked by the guard the program
/// instrumentation puts at every function entry, loop iteration and string concatenation, and
/// by the hardened built-ins. Memory is what the script retains, not what Jint churns: the
/// thread's allocation counter is only a cheap trigger; past it, a <see cref="RetainedSizeProbe"/>
/// walk decides (see design.md, "Memory").
/// </summary>
internal sealed class CallBudget(long maxMemoryBytes, long maxStackBytes)
{
    // Values the interpreter holds in the middle of an expression (array-literal elements and
    // call arguments evaluated so far, the left side of a +) are invisible to the walk. Churn
    // beyond this many limits is therefore only allowed while the GC heap, measured after the
    // latest collection, has not grown by more than HeapGrowthLimits limits since the first walk.
    private const long UnconfirmedChurnLimits = 8;
    private const long HeapGrowthLimits = 4;

    // Stopwatch.GetTimestamp costs 30–70 ns on this VM, more than the rest of the guard put together,
    // and the guard runs at every function entry, loop iteration and +. The coarse tick count (~5–10 ns,
    // 1–16 ms resolution) tells when the deadline is near enough to need the precise clock.
    private const long CoarseTickMarginMs = 32;

    private long _deadline;
    private long _preciseClockFromTick;
    private nint _stackBase;
    private TimeSpan _timeout;
    private RetainedSizeProbe? _probe;

    private long _memoryStart;    // allocation counter at the start of the call
    private long _probeBytes;     // allocated by the walks themselves: not the script's
    private long _retained;       // the last walk's estimate (0 before the first)
    private long _retainedAt;     // allocation counter when that estimate was taken
    private long _nextWalkAt;     // allocation counter at which to walk again
    private long _heapAtFirstWalk;

    public TimeSpan Timeout => _timeout;

    /// <summary>The largest retained-size estimate a walk took during this call (0 if none ran).</summary>
    public long RetainedSeen { get; private set; }

    /// <summary>Bytes allocated on this thread during the call, apart from the meter's own walks.</summary>
    public long Churn => GC.GetAllocatedBytesForCurrentThread() - _memoryStart - _probeBytes;

    public void AttachProbe(RetainedSizeProbe probe) => _probe = probe;

    public void Start(TimeSpan timeout)
    {
        _timeout = timeout;
        _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _preciseClockFromTick = Environment.TickCount64 + (long)Math.Min(timeout.TotalMilliseconds, int.MaxValue) - CoarseTickMarginMs;
        _memoryStart = GC.GetAllocatedBytesForCurrentThread();
        _probeBytes = 0;
        _retained = 0;
        _retainedAt = _memoryStart;
        _nextWalkAt = _memoryStart + maxMemoryBytes;
        _heapAtFirstWalk = 0;
        RetainedSeen = 0;
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

    public void Check()
    {
        if (Environment.TickCount64 >= _preciseClockFromTick) CheckTime();
        if (GC.GetAllocatedBytesForCurrentThread() > _nextWalkAt) Remeasure(0);
        // Calls Jint does not count (new, getters, toString, callbacks from natives) still use stack.
        if (StackUsed > maxStackBytes) throw DepthExceeded();
        CheckStack();
    }

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > _deadline) throw TimedOut();
    }

    /// <summary>Refuses an operation that would allocate more than the rest of the budget.</summary>
    public void EnsureCanAllocate(double bytes)
    {
        if (bytes > maxMemoryBytes) throw MemoryExceeded();
        // Upper bound without a walk: what was retained at the last walk plus everything allocated since.
        var bound = _retained + (GC.GetAllocatedBytesForCurrentThread() - _retainedAt);
        if (bytes > maxMemoryBytes - bound) Remeasure((long)bytes);
    }

    /// <summary>
    /// The allocation counter passed the point where the call might have grown past its limit:
    /// measure what is actually retained, fail if that (plus <paramref name="extra"/> about to be
    /// allocated) is over the limit, else allow as much more churn as the limit leaves (at least a
    /// quarter of it, so a script near its limit cannot make every guard walk).
    /// </summary>
    private void Remeasure(long extra)
    {
        if (_probe is null)
        {
            if (Churn + extra > maxMemoryBytes) throw MemoryExceeded();
            _nextWalkAt = long.MaxValue;
            return;
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        if (_heapAtFirstWalk == 0) _heapAtFirstWalk = HeapAfterLastCollection();
        else if (Churn + extra > UnconfirmedChurnLimits * maxMemoryBytes
                 && HeapAfterLastCollection() - _heapAtFirstWalk > HeapGrowthLimits * maxMemoryBytes)
            throw MemoryExceeded();
        var retained = _probe.Measure(maxMemoryBytes - extra, this);
        var after = GC.GetAllocatedBytesForCurrentThread();
        _probeBytes += after - before;
        RetainedSeen = Math.Max(RetainedSeen, retained);
        if (retained + extra > maxMemoryBytes) throw MemoryExceeded();
        _retained = retained;
        _retainedAt = after;
        _nextWalkAt = after + Math.Max(maxMemoryBytes - retained, maxMemoryBytes / 4);
    }

    /// <summary>Process-wide (other threads' growth or collections shift it), so only a backstop.</summary>
    private static long HeapAfterLastCollection() => GC.GetGCMemoryInfo().HeapSizeBytes;

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
