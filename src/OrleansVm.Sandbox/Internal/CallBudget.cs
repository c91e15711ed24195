using OrleansVm.Sandbox.Timing;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The time, memory and depth budget of one host call. Time is the call's own work
/// (<see cref="CallClock"/>: thread CPU time, less GC pauses and JIT, under a 10× wall-clock ceiling),
/// checked before every statement and armed for the whole call (<c>Reset</c> is a no-op, so
/// re-entries such as promise jobs or getters run while converting results cannot refresh it).
/// Jint's <c>OperationDeadlineConstraint</c>/<c>TimeoutInterval</c> are wall clocks: a correct plugin
/// failed them on a loaded silo (issue 13), so neither is registered.
/// Memory in script is Jint's <c>LimitMemory</c>; this class adds what it leaves open: a check when
/// the call returns (Jint checks only before statements), and pre-checks for natives that can
/// allocate far past the limit inside one statement (<see cref="AllocationPrechecks"/>). Depth:
/// Jint counts recursion per function, so this constraint also counts the whole call stack, and it
/// ends the call with an error no script can catch.
/// </summary>
internal sealed class CallBudget(long maxMemoryBytes, int maxCallDepth) : Constraint
{
    private readonly CallClock _clock = new();
    private Engine? _engine;
    private long _memoryStart;
    private bool _running;

    public TimeSpan Timeout => _clock.Limit;

    /// <summary>The current call's own time so far (see <see cref="CallClock"/>).</summary>
    public TimeSpan OwnTime => _clock.Own;

    public long MaxMemoryBytes => maxMemoryBytes;

    /// <summary>Bytes allocated on this thread since the call started (script and host).</summary>
    public long Allocated => GC.GetAllocatedBytesForCurrentThread() - _memoryStart;

    public void Attach(Engine engine) => _engine = engine;

    public void Start(TimeSpan timeout)
    {
        _memoryStart = GC.GetAllocatedBytesForCurrentThread();
        _clock.Start(timeout);
        _running = true;
    }

    public void End() => _running = false;

    // Checked before every statement (an exact constraint, like LimitMemory next to it).
    public override void Check()
    {
        if (_running && _clock.Expired()) throw TimedOut();
        if (_engine is not null && JintInternals.CallDepth(_engine) > maxCallDepth) throw DepthExceeded();
    }

    // The budget spans the whole host call, whatever entries Jint makes inside it.
    public override void Reset()
    {
    }

    /// <summary>Host-side loops (converting results) check the call's deadline too.</summary>
    public void CheckTime()
    {
        if (_running && _clock.Expired()) throw TimedOut();
    }

    /// <summary>Refuses an operation that would take the call past its memory limit.</summary>
    public void EnsureCanAllocate(double bytes)
    {
        if (bytes > maxMemoryBytes - Allocated) throw MemoryExceeded();
    }

    /// <summary>Jint checks memory before statements only: the last statement of a call is checked here.</summary>
    public void CheckAfterScript()
    {
        if (Allocated > maxMemoryBytes) throw MemoryExceeded();
    }

    public SandboxAbort TimedOut() => SandboxAbort.Of(
        SandboxErrorCodes.RuntimeTimeout, $"Script exceeded its time limit of {(int)_clock.Limit.TotalMilliseconds} ms");

    public SandboxAbort MemoryExceeded() =>
        SandboxAbort.Limit("memory", $"Script exceeded its memory limit of {maxMemoryBytes / (1024 * 1024)} MiB");

    public static SandboxAbort DepthExceeded() =>
        SandboxAbort.Limit("depth", "Script exceeded the maximum call depth");
}
