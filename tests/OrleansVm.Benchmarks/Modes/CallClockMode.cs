using System.Diagnostics;
using System.Runtime;
using OrleansVm.Sandbox.Timing;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>call-clock</c>: the cost of one read of each clock the call budget uses (issue 13). The budget reads
/// Stopwatch before every statement and the others only once a call's wall time passed its limit.
/// </summary>
public static class CallClockMode
{
    public static Task<int> RunAsync(string[] args)
    {
        const int n = 2_000_000;
        Console.WriteLine($"call-clock: {n:N0} reads each, thread CPU clock available: {ThreadCpuClock.IsAvailable}");
        Console.WriteLine("| clock | ns per read |");
        Console.WriteLine("|---|---:|");
        Report("Stopwatch.GetTimestamp", n, () => Stopwatch.GetTimestamp());
        Report("thread CPU time (clock_gettime)", n, ThreadCpuClock.NowTicks);
        Report("GC.GetTotalPauseDuration", n, () => GC.GetTotalPauseDuration().Ticks);
        Report("JitInfo.GetCompilationTime(current thread)", n, () => JitInfo.GetCompilationTime(currentThread: true).Ticks);
        var clock = new CallClock();
        Report("CallClock.Own (all of them)", n, () => { clock.Start(TimeSpan.FromHours(1)); return clock.Own.Ticks; });
        return Task.FromResult(0);
    }

    private static void Report(string name, int n, Func<long> read)
    {
        long sink = 0;
        for (var i = 0; i < 10_000; i++) sink += read();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) sink += read();
        watch.Stop();
        Console.WriteLine($"| {name} | {watch.Elapsed.TotalNanoseconds / n:F0} |{(sink == 42 ? " " : "")}");
    }
}
