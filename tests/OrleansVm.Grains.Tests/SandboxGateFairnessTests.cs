using Microsoft.Extensions.Time.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 12 item 2: sandbox slots are admitted per workspace. A workspace's flood waits behind its own
/// share and, past its queue, fails fast with OVERLOADED; another workspace's calls still get a slot.
/// </summary>
public sealed class SandboxGateFairnessTests
{
    private static SandboxGate Gate(int capacity, int share, int queue, TimeSpan? maxWait = null, TimeProvider? clock = null) => new(new OrleansVmOptions
    {
        MaxConcurrentSandboxCalls = capacity,
        MaxConcurrentSandboxCallsPerWorkspace = share,
        MaxQueuedSandboxCallsPerWorkspace = queue,
        MaxSandboxQueueWait = maxWait ?? TimeSpan.FromHours(1),
    }, clock);

    /// <summary>A call that holds its slot until released (runs on a pool thread: the gate runs calls synchronously).</summary>
    private sealed class HeldCall
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new();

        public HeldCall(SandboxGate gate, string workspaceId) =>
            Completion = Task.Run(async () => await gate.RunAsync(workspaceId, () =>
            {
                _entered.SetResult();
                _release.Wait(TimeSpan.FromSeconds(30));
                return workspaceId;
            }));

        public Task<string> Completion { get; }

        public Task Entered => _entered.Task;

        public void Release() => _release.Set();
    }

    [Fact]
    public async Task A_flooding_workspace_gets_OVERLOADED_past_its_queue_while_another_workspace_still_runs()
    {
        var gate = Gate(capacity: 2, share: 1, queue: 2);
        var running = new HeldCall(gate, "flood");
        await running.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        // Queued one after the other, so that their order in the queue is known.
        var queued = new HeldCall[2];
        for (var i = 0; i < queued.Length; i++)
        {
            queued[i] = new HeldCall(gate, "flood");
            var expected = i + 1;
            await WaitUntilAsync(() => gate.QueuedFor("flood") == expected);
        }

        // Its queue is full: the next call fails at once, without waiting for a slot.
        var overloaded = await Assert.ThrowsAsync<OrleansVmException>(async () => await gate.RunAsync("flood", () => 0));
        Assert.Equal(ErrorCodes.Overloaded, overloaded.Code);
        Assert.Equal(SandboxGate.RetryAfterSeconds, overloaded.Details!["retryAfterSeconds"]!.GetValue<int>());

        // The flood holds its share (1 of 2 slots): another workspace runs now, while the flood's calls wait.
        var other = await gate.RunAsync("quiet", () => "ran").AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ran", other);
        Assert.Equal(1, gate.RunningFor("flood"));
        Assert.All(queued, q => Assert.False(q.Entered.IsCompleted));

        // The flood's queued calls run, one at a time, as its own slot frees.
        running.Release();
        await queued[0].Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(queued[1].Entered.IsCompleted);
        Assert.Equal(1, gate.RunningFor("flood"));
        queued[0].Release();
        queued[1].Release();
        await Task.WhenAll(queued.Select(q => q.Completion).Append(running.Completion)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.Running);
        Assert.Equal(2, gate.Peak);
    }

    [Fact]
    public async Task Free_slots_go_round_robin_to_the_workspaces_that_wait()
    {
        var gate = Gate(capacity: 1, share: 1, queue: 8);
        var first = new HeldCall(gate, "a");
        await first.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var order = new List<string>();
        var waiting = new List<Task>();
        // Workspace a queues three calls before b queues one: b must not wait behind all of a's.
        foreach (var ws in new[] { "a", "a", "a", "b" })
        {
            waiting.Add(gate.RunAsync(ws, () => { lock (order) order.Add(ws); return 0; }).AsTask());
        }
        first.Release();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a", "b", "a", "a"], order);
    }

    [Fact]
    public async Task A_call_whose_expected_wait_exceeds_the_bound_is_refused_even_with_room_in_the_queue()
    {
        var clock = new FakeTimeProvider();
        var gate = Gate(capacity: 2, share: 1, queue: 100, maxWait: TimeSpan.FromMilliseconds(50), clock);
        await gate.RunAsync("slow", () => { clock.Advance(TimeSpan.FromMilliseconds(100)); return 0; }); // this workspace's calls take 100 ms
        var running = new HeldCall(gate, "slow");
        await running.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // One more would wait 100 ms behind the running call: over the 50 ms bound, refused at once.
        var overloaded = await Assert.ThrowsAsync<OrleansVmException>(async () => await gate.RunAsync("slow", () => 0));
        Assert.Equal(ErrorCodes.Overloaded, overloaded.Code);
        Assert.Equal(0, gate.QueuedFor("slow"));
        // Another workspace, with no history of slow calls, is not affected.
        Assert.Equal(1, await gate.RunAsync("fast", () => 1));
        running.Release();
        await running.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_workspace_share_defaults_to_half_the_slots()
    {
        Assert.Equal(1, Gate(capacity: 2, share: 0, queue: 1).SharePerWorkspace);
        Assert.Equal(4, Gate(capacity: 8, share: 0, queue: 1).SharePerWorkspace);
        Assert.Equal(1, Gate(capacity: 1, share: 0, queue: 1).SharePerWorkspace);
        Assert.Equal(2, Gate(capacity: 2, share: 5, queue: 1).SharePerWorkspace);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "condition not reached within 10 s");
    }
}
