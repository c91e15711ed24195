using System.Diagnostics;
using Jint;
using Jint.Constraints;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The time, memory and depth budget of one host call. Time is Jint's own
/// <see cref="OperationDeadlineConstraint"/>, armed for the whole call (its <c>Reset</c> is a no-op,
/// so re-entries such as promise jobs or getters run while converting results cannot refresh it).
/// Memory in script is Jint's <c>LimitMemory</c>; this class adds what it leaves open: a check when
/// the call returns (Jint checks only before statements), and pre-checks for natives that can
/// allocate far past the limit inside one statement (<see cref="AllocationPrechecks"/>). Depth:
/// Jint counts recursion per function, so this constraint also counts the whole call stack, and it
/// ends the call with an error no script can catch.
/// </summary>
internal sealed class CallBudget(long maxMemoryBytes, int maxCallDepth) : Constraint
{
    private Engine? _engine;
    private long _deadline;
    private long _memoryStart;
    private TimeSpan _timeout;

    /// <summary>Jint's deadline, armed by <see cref="Start"/> and disarmed by <see cref="End"/>.</summary>
    public OperationDeadlineConstraint Deadline { get; } = new();

    public TimeSpan Timeout => _timeout;

    public long MaxMemoryBytes => maxMemoryBytes;

    /// <summary>Bytes allocated on this thread since the call started (script and host).</summary>
    public long Allocated => GC.GetAllocatedBytesForCurrentThread() - _memoryStart;

    public void Attach(Engine engine) => _engine = engine;

    public void Start(TimeSpan timeout)
    {
        _timeout = timeout;
        _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _memoryStart = GC.GetAllocatedBytesForCurrentThread();
        Deadline.Begin(timeout, CancellationToken.None);
    }

    public void End() => Deadline.End();

    // Checked before every statement (an exact constraint, like LimitMemory next to it).
    public override void Check()
    {
        if (_engine is not null && JintInternals.CallDepth(_engine) > maxCallDepth) throw DepthExceeded();
    }

    // The budget spans the whole host call, whatever entries Jint makes inside it.
    public override void Reset()
    {
    }

    /// <summary>Host-side loops (converting results) check the call's deadline too.</summary>
    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > _deadline) throw TimedOut();
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
        SandboxErrorCodes.RuntimeTimeout, $"Script exceeded its time limit of {(int)_timeout.TotalMilliseconds} ms");

    public SandboxAbort MemoryExceeded() =>
        SandboxAbort.Limit("memory", $"Script exceeded its memory limit of {maxMemoryBytes / (1024 * 1024)} MiB");

    public static SandboxAbort DepthExceeded() =>
        SandboxAbort.Limit("depth", "Script exceeded the maximum call depth");
}
