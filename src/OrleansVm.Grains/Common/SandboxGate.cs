using System.Text.Json.Nodes;
using OrleansVm.Sandbox;
using OrleansVm.Telemetry;

namespace OrleansVm.Grains;

/// <summary>
/// Admission of sandbox executions (plugin load, render, event), fair between workspaces. At most
/// <see cref="Capacity"/> run at once on the silo, at most <see cref="SharePerWorkspace"/> of them for
/// one workspace. A workspace's calls beyond its share wait in its own queue, as long as their expected
/// wait (queued calls × the workspace's recent call time ÷ its share) stays under
/// <see cref="MaxQueueWait"/> and at most <see cref="QueuePerWorkspace"/> wait; one more fails fast with
/// <see cref="ErrorCodes.Overloaded"/> (HTTP 429 + Retry-After) instead of waiting. Bounding the wait
/// rather than only the count lets 64 callers of ~1 ms events queue while 200 runaway renders
/// (100 ms each) are refused past ~2 s of queue.
/// Free slots go round-robin to the workspaces that have waiting calls, so a workspace flooding runaway
/// renders queues behind its own calls and slows itself, not the others (issue 12, item 2).
/// A call waits here BEFORE the sandbox starts its clock: the budget measures the call's own run,
/// never its wait for a slot.
/// </summary>
public sealed class SandboxGate
{
    /// <summary>What an overloaded caller is told to wait, in seconds (a full queue holds ~2 s of work: half of it has drained).</summary>
    public const int RetryAfterSeconds = 1;

    private readonly object _sync = new();
    // One lane per workspace that ever ran a call here (a few dozen bytes each): kept, so that its
    // average call time survives idle periods and a flood's next burst is judged by it at once.
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Queue<Lane> _turns = new(); // lanes with waiting calls, in round-robin order
    // Weight of the newest call in a workspace's moving average of call time.
    private const double AverageWeight = 0.2;

    private readonly TimeProvider _clock;
    private int _running;
    private int _peak;

    /// <param name="clock">Times the calls (their moving average decides who is refused); the system clock unless a test fakes it.</param>
    public SandboxGate(OrleansVmOptions options, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        Capacity = options.MaxConcurrentSandboxCalls > 0 ? options.MaxConcurrentSandboxCalls : Environment.ProcessorCount;
        SharePerWorkspace = options.MaxConcurrentSandboxCallsPerWorkspace > 0
            ? Math.Min(options.MaxConcurrentSandboxCallsPerWorkspace, Capacity)
            : Math.Max(1, Capacity / 2);
        QueuePerWorkspace = Math.Max(0, options.MaxQueuedSandboxCallsPerWorkspace);
        MaxQueueWait = options.MaxSandboxQueueWait;
    }

    /// <summary>The longest expected wait for a slot a call accepts; beyond it, <see cref="ErrorCodes.Overloaded"/>.</summary>
    public TimeSpan MaxQueueWait { get; }

    /// <summary>Sandbox calls that may run at once on the silo.</summary>
    public int Capacity { get; }

    /// <summary>Sandbox calls one workspace may run at once.</summary>
    public int SharePerWorkspace { get; }

    /// <summary>Calls of one workspace that may wait for a slot; beyond, <see cref="ErrorCodes.Overloaded"/>.</summary>
    public int QueuePerWorkspace { get; }

    /// <summary>Sandbox calls running now (for tests and diagnostics).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most sandbox calls that ever ran at once on this silo.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Calls of <paramref name="workspaceId"/> running now.</summary>
    public int RunningFor(string workspaceId)
    {
        lock (_sync) return _lanes.TryGetValue(workspaceId, out var lane) ? lane.Running : 0;
    }

    /// <summary>Calls of <paramref name="workspaceId"/> waiting for a slot now.</summary>
    public int QueuedFor(string workspaceId)
    {
        lock (_sync) return _lanes.TryGetValue(workspaceId, out var lane) ? lane.Waiting.Count : 0;
    }

    /// <summary>Waits for a slot of <paramref name="workspaceId"/>'s share, then runs <paramref name="call"/> (synchronous: the sandbox is) and frees the slot.</summary>
    /// <exception cref="OrleansVmException"><see cref="ErrorCodes.Overloaded"/> when the workspace's queue is full.</exception>
    public async ValueTask<T> RunAsync<T>(string workspaceId, Func<T> call)
    {
        var lane = Enter(workspaceId, out var admitted);
        if (admitted is not null) await admitted; // resumes on the grain's own context: the sandbox runs inside its turn
        var started = _clock.GetTimestamp();
        using var span = OrleansVmTracing.Sandbox(workspaceId);
        var outcome = "ok";
        try
        {
            return call();
        }
        catch (SandboxException ex)
        {
            outcome = SandboxTelemetry.Observe(ex);
            throw;
        }
        finally
        {
            var took = _clock.GetElapsedTime(started);
            OrleansVmMetrics.SandboxRan(took, outcome);
            Leave(lane, took);
        }
    }

    private Lane Enter(string workspaceId, out Task? admitted)
    {
        lock (_sync)
        {
            if (!_lanes.TryGetValue(workspaceId, out var lane)) _lanes[workspaceId] = lane = new Lane(workspaceId);
            if (lane.Waiting.Count == 0 && _running < Capacity && lane.Running < SharePerWorkspace)
            {
                Admit(lane);
                admitted = null;
                return lane;
            }
            if (lane.Waiting.Count >= QueuePerWorkspace || ExpectedWait(lane) > MaxQueueWait)
            {
                throw Overloaded(lane);
            }
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lane.Waiting.Enqueue(waiter);
            if (lane.Waiting.Count == 1) _turns.Enqueue(lane);
            admitted = waiter.Task;
            return lane;
        }
    }

    // The wait of a call queued now: all queued calls before it, and itself, at the workspace's recent pace.
    private TimeSpan ExpectedWait(Lane lane) => lane.AverageCall * ((lane.Waiting.Count + 1) / (double)SharePerWorkspace);

    private void Leave(Lane lane, TimeSpan took)
    {
        List<TaskCompletionSource>? wake = null;
        lock (_sync)
        {
            lane.AverageCall = lane.AverageCall == TimeSpan.Zero ? took : lane.AverageCall * (1 - AverageWeight) + took * AverageWeight;
            lane.Running--;
            _running--;
            // One pass over the lanes with waiting calls: each gets at most one slot per pass (round robin).
            for (var pass = _turns.Count; pass > 0 && _running < Capacity; pass--)
            {
                var next = _turns.Dequeue();
                if (next.Running >= SharePerWorkspace)
                {
                    _turns.Enqueue(next); // its own running calls will free its next slot
                    continue;
                }
                Admit(next);
                (wake ??= []).Add(next.Waiting.Dequeue());
                if (next.Waiting.Count > 0) _turns.Enqueue(next);
            }
        }
        if (wake is null) return;
        foreach (var waiter in wake) waiter.SetResult();
    }

    private void Admit(Lane lane)
    {
        lane.Running++;
        var running = ++_running;
        if (running > _peak) Volatile.Write(ref _peak, running);
    }

    private OrleansVmException Overloaded(Lane lane) => new(
        ErrorCodes.Overloaded,
        $"This workspace has {lane.Running} plugin calls running and {lane.Waiting.Count} waiting (its share of the silo's sandbox); retry after {RetryAfterSeconds} s.",
        new JsonObject { ["retryAfterSeconds"] = RetryAfterSeconds, ["queued"] = lane.Waiting.Count });

    private sealed class Lane(string workspaceId)
    {
        public string WorkspaceId { get; } = workspaceId;
        public int Running { get; set; }
        public Queue<TaskCompletionSource> Waiting { get; } = new();
        public TimeSpan AverageCall { get; set; } // zero until a call of this workspace ended
    }
}
