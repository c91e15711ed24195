using System.Diagnostics;
using System.Runtime;

namespace OrleansVm.Sandbox.Timing;

/// <summary>
/// The time a call is billed: its own work, not what the process suffers around it.
/// <para>
/// own = min(thread CPU time, wall time − GC pause time) − JIT time on this thread.
/// Thread CPU time leaves out the time the thread waited for a core; wall − GC pauses leaves out
/// stop-the-world pauses (the minimum covers both a GC that ran on another thread, when this thread
/// was suspended and used no CPU, and one that ran on this thread, billed as CPU but paused the wall);
/// JIT time (<see cref="System.Runtime.JitInfo"/>) is the runtime compiling Jint's own code the first
/// time a syntax is used, never the plugin's. A wall-clock ceiling (<see cref="CeilingOf"/>: 10× the
/// limit, at most limit + 1 s) ends the call whatever these say, so nothing holds a grain turn forever.
/// </para>
/// <para>
/// Cost: <see cref="Expired"/> runs before every statement, and until the wall time passes the limit
/// it is one <see cref="Stopwatch.GetTimestamp"/> and a compare (own ≤ wall, so nothing else can have
/// expired). Past it, own time is computed (~2.4 µs measured under load) and the next look is scheduled when own
/// time could first reach the limit, at least <see cref="MinRecheck"/> later: a call starved of CPU
/// computes it at most a few hundred times before its ceiling.
/// </para>
/// </summary>
internal sealed class CallClock
{
    /// <summary>The wall-clock ceiling, as a multiple of the limit (100 ms → 1 s) ...</summary>
    public const int HardCeilingFactor = 10;

    /// <summary>
    /// ... but never more than a second past the limit: a 1 s load limit ends by 2 s of wall time. On the
    /// loaded 2-core box (load average 20) a runaway load got ~25% of a core and its 1 s of CPU took 4.9 s
    /// of wall time; a correct call's own work is micro- to milliseconds, so a second of slack is ample.
    /// </summary>
    public static readonly TimeSpan MaxCeilingSlack = TimeSpan.FromSeconds(1);

    /// <summary>The wall time after which a call with this limit ends, whatever its own time.</summary>
    public static TimeSpan CeilingOf(TimeSpan limit) =>
        limit * HardCeilingFactor < limit + MaxCeilingSlack ? limit * HardCeilingFactor : limit + MaxCeilingSlack;

    private static readonly long MinRecheck = Stopwatch.Frequency / 2000; // 0.5 ms

    private long _limitTicks;          // TimeSpan ticks
    private long _wallStart;           // Stopwatch timestamps
    private long _nextLook;
    private long _ceiling;
    private long _cpuStart;            // TimeSpan ticks
    private TimeSpan _gcPauseStart;
    private TimeSpan _jitStart;

    public TimeSpan Limit { get; private set; }

    public void Start(TimeSpan limit)
    {
        Limit = limit;
        _limitTicks = limit.Ticks;
        _gcPauseStart = GC.GetTotalPauseDuration();
        _jitStart = JitInfo.GetCompilationTime(currentThread: true);
        _cpuStart = ThreadCpuClock.IsAvailable ? ThreadCpuClock.NowTicks() : 0;
        _wallStart = Stopwatch.GetTimestamp();
        var limitStopwatch = ToStopwatch(limit.Ticks);
        _nextLook = _wallStart + limitStopwatch;
        _ceiling = _wallStart + ToStopwatch(CeilingOf(limit).Ticks);
    }

    /// <summary>True once the call's own time passed its limit, or its wall time passed the ceiling.</summary>
    public bool Expired()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _nextLook) return false;
        if (now >= _ceiling) return true;
        var remaining = _limitTicks - OwnTicks(now);
        if (remaining <= 0) return true;
        _nextLook = now + Math.Max(ToStopwatch(remaining), MinRecheck);
        return false;
    }

    /// <summary>The call's own time so far (for diagnostics and tests).</summary>
    public TimeSpan Own => TimeSpan.FromTicks(OwnTicks(Stopwatch.GetTimestamp()));

    private long OwnTicks(long now)
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart, now).Ticks;
        var paused = (GC.GetTotalPauseDuration() - _gcPauseStart).Ticks;
        var own = wall - paused;
        if (ThreadCpuClock.IsAvailable)
        {
            var cpu = ThreadCpuClock.NowTicks() - _cpuStart;
            if (cpu >= 0 && cpu < own) own = cpu;
        }
        own -= (JitInfo.GetCompilationTime(currentThread: true) - _jitStart).Ticks;
        return Math.Max(0, own);
    }

    private static long ToStopwatch(long timeSpanTicks) =>
        (long)(timeSpanTicks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);
}
