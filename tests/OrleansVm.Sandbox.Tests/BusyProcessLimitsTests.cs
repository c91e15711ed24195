using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansVm.Sandbox.Internal;
using OrleansVm.Sandbox.Timing;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>
/// Issue 13: a call's time limit counts the plugin's own work. A busy process (threads competing for
/// the cores, a thread forcing full GCs) must never fail a well-behaved plugin, and a runaway still ends.
/// </summary>
public class BusyProcessLimitsTests
{
    private const string Counter = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            initialState: { n: 0 },
            reducers: { inc: function (s) { return { n: s.n + 1 }; } },
            widgets: { w: {
              render: function (props) { var rows = []; for (var i = 0; i < 20; i++) rows.push('row ' + i); return ui.column([ui.text('n=' + props.pluginState.n), ui.text(rows.join(','))]); },
              handlers: { h: function (h) { h.dispatchPluginAction('inc'); } }
            } }
          };
        });
        """;

    [Fact]
    public async Task Well_behaved_plugins_never_time_out_under_GC_pauses_and_CPU_contention_while_a_runaway_still_ends()
    {
        // Bounded stress: 2 busy threads per core and a thread forcing blocking full GCs, for 3 s.
        using var stress = new ProcessStress(busyThreads: 2 * Environment.ProcessorCount, duration: TimeSpan.FromSeconds(3));
        var collectionsBefore = GC.CollectionCount(2);

        var runaway = Task.Run(() =>
        {
            var sandbox = Load(With(renderBody: "while (true) {}"));
            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<SandboxException>(() => sandbox.Render("w", null, Global()));
            return (error, watch.Elapsed);
        });

        // Dedicated threads: the busy threads and other test classes can starve the thread pool for the whole
        // 3 s, and a caller that never started would prove nothing (seen once: a caller with 0 calls).
        var callers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Factory.StartNew(() =>
        {
            var sandbox = Load(Counter);
            var timeouts = new List<string>();
            var calls = 0;
            JsonNode state = new JsonObject { ["n"] = 0 };
            do
            {
                try
                {
                    sandbox.Render("w", state, Global());
                    state = sandbox.HandleEvent("w", "h", null, state, Global()).NewState;
                    calls += 2;
                }
                catch (SandboxException ex) when (ex.Code == SandboxErrorCodes.RuntimeTimeout)
                {
                    timeouts.Add(ex.Message); // counted and asserted below: the point of the test
                }
            }
            while (!stress.Done);
            return (calls, timeouts);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var results = await Task.WhenAll(callers);
        var (runawayError, runawayElapsed) = await runaway;

        Assert.True(GC.CollectionCount(2) - collectionsBefore >= 10, "the stress forced full GCs during the calls");
        Assert.All(results, r => Assert.True(r.calls > 0, "every caller ran calls"));
        Assert.Empty(results.SelectMany(r => r.timeouts));
        Assert.Equal(SandboxErrorCodes.RuntimeTimeout, runawayError.Code);
        var ceiling = CallClock.CeilingOf(SandboxLimits.Default.RenderTimeout);
        Assert.True(runawayElapsed < ceiling + TimeSpan.FromSeconds(10), $"the runaway ended by its hard ceiling at the latest; took {runawayElapsed}");
    }

    [Fact]
    public void Time_the_thread_is_not_running_is_not_billed_but_the_hard_ceiling_still_ends_the_call()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return; // no cheap thread CPU clock: wall − GC pauses only
        Assert.True(ThreadCpuClock.IsAvailable, "thread CPU time is read on Linux and Windows");
        var limit = TimeSpan.FromMilliseconds(20);
        var clock = new CallClock();
        clock.Start(limit);
        var watch = Stopwatch.StartNew();
        var looks = 0;
        while (!clock.Expired())
        {
            Thread.Sleep(5); // off the CPU: wall time passes, own time does not
            looks++;
        }
        // Own time stayed under the 20 ms limit (sleeping), so only the wall-clock ceiling (200 ms) can have ended it.
        Assert.True(watch.Elapsed >= CallClock.CeilingOf(limit) - TimeSpan.FromMilliseconds(1), $"ended after {watch.Elapsed}, before the ceiling");
        Assert.True(clock.Own < limit, $"own time {clock.Own} while sleeping");
        Assert.True(looks > 0);
    }

    [Fact]
    public void GC_pauses_are_not_billed_to_the_call()
    {
        var limit = TimeSpan.FromMilliseconds(100);
        var clock = new CallClock();
        clock.Start(limit);
        var pausedBefore = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit * 2 && GC.GetTotalPauseDuration() - pausedBefore < limit * 2)
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Well past 100 ms of wall time, nearly all of it stop-the-world pauses: the call is not over its limit.
        Assert.False(clock.Expired(), $"own time {clock.Own} after {watch.Elapsed} of forced GCs");
        Assert.True(clock.Own < limit, $"own time {clock.Own}");
    }

    [Fact]
    public void Spinning_is_billed_and_ends_at_the_limit()
    {
        var limit = TimeSpan.FromMilliseconds(30);
        var clock = new CallClock();
        clock.Start(limit);
        var watch = Stopwatch.StartNew();
        while (!clock.Expired()) { }
        // Own time can only reach the limit by running: at least the limit of wall time passed.
        Assert.True(watch.Elapsed >= limit - TimeSpan.FromMilliseconds(1), $"ended after {watch.Elapsed}");
        Assert.True(watch.Elapsed < CallClock.CeilingOf(limit) + TimeSpan.FromSeconds(10), $"ended after {watch.Elapsed}");
    }

    [Fact]
    public void The_warm_up_plugins_run_without_error()
    {
        // The warm-up swallows its errors in production (it must never break a load); here they surface,
        // so a warm-up that silently stopped covering the modern syntax paths fails this test.
        SandboxWarmup.Exercise();
    }

    /// <summary>Busy threads and a thread forcing blocking full GCs, until <see cref="Done"/> (bounded by the duration).</summary>
    private sealed class ProcessStress : IDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Thread[] _threads;

        public ProcessStress(int busyThreads, TimeSpan duration)
        {
            _stop = new CancellationTokenSource(duration);
            var token = _stop.Token;
            _threads = Enumerable.Range(0, busyThreads)
                .Select(_ => new Thread(() => { var x = 0UL; while (!token.IsCancellationRequested) x = x * 31 + 7; GC.KeepAlive(x); }) { IsBackground = true })
                .Append(new Thread(() =>
                {
                    while (!token.IsCancellationRequested)
                    {
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                        Thread.Sleep(2);
                    }
                })
                { IsBackground = true })
                .ToArray();
            foreach (var thread in _threads) thread.Start();
        }

        public bool Done => _stop.IsCancellationRequested;

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var thread in _threads) thread.Join();
            _stop.Dispose();
        }
    }
}
