using System.Threading.Channels;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// The call batcher behind the activity reports: items added during a call wait for the next one, in order; each caller
/// hears back with its own call; a failed call fails only its batch; an idle batcher retires and takes nothing more.
/// No timing: a test controls when each call completes.
/// </summary>
public sealed class CallBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A send function whose calls the test sees and completes one by one.</summary>
    private sealed class ControlledCalls
    {
        private readonly Channel<(IReadOnlyList<int> Items, TaskCompletionSource Done)> _calls = Channel.CreateUnbounded<(IReadOnlyList<int>, TaskCompletionSource)>();

        public Task Send(IReadOnlyList<int> items)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _calls.Writer.TryWrite(([.. items], done));
            return done.Task;
        }

        public async Task<(IReadOnlyList<int> Items, TaskCompletionSource Done)> NextAsync() =>
            await _calls.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public bool AnyWaiting => _calls.Reader.TryPeek(out _);
    }

    private static Task Add(CallBatcher<int> batcher, int item)
    {
        Assert.True(batcher.TryAdd(item, out var done));
        return done;
    }

    [Fact]
    public async Task Items_added_during_a_call_go_in_the_next_call_in_order_and_each_caller_waits_for_its_own_call()
    {
        var calls = new ControlledCalls();
        var batcher = new CallBatcher<int>(calls.Send);

        var first = Add(batcher, 1);
        var (firstItems, firstDone) = await calls.NextAsync();
        Assert.Equal([1], firstItems);

        // The first call is in flight: these wait for the next one.
        var second = Add(batcher, 2);
        var third = Add(batcher, 3);
        Assert.False(calls.AnyWaiting);
        Assert.False(first.IsCompleted);

        firstDone.SetResult();
        await first.WaitAsync(Patience);
        var (nextItems, nextDone) = await calls.NextAsync();
        Assert.Equal([2, 3], nextItems);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        nextDone.SetResult();
        await Task.WhenAll(second, third).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failed_call_fails_only_its_own_batch()
    {
        var calls = new ControlledCalls();
        var batcher = new CallBatcher<int>(calls.Send);

        var failing = Add(batcher, 1);
        var (_, failingDone) = await calls.NextAsync();
        var later = Add(batcher, 2);

        failingDone.SetException(new InvalidOperationException("activity grain unavailable"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
        Assert.Equal("activity grain unavailable", error.Message);

        var (laterItems, laterDone) = await calls.NextAsync();
        Assert.Equal([2], laterItems);
        laterDone.SetResult();
        await later.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_batcher_that_sent_everything_retires_and_refuses_new_items()
    {
        var calls = new ControlledCalls();
        var retired = new TaskCompletionSource<CallBatcher<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new CallBatcher<int>(calls.Send, b => retired.TrySetResult(b));

        var first = Add(batcher, 1);
        var (_, done) = await calls.NextAsync();
        done.SetResult();
        await first.WaitAsync(Patience);

        Assert.Same(batcher, await retired.Task.WaitAsync(Patience));
        Assert.False(batcher.TryAdd(2, out _));
        Assert.False(calls.AnyWaiting);
    }
}
