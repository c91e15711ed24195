namespace OrleansVm.Grains;

/// <summary>
/// Group commit inside one grain: callers that changed the state in memory ask for a durable
/// write and wait for it; while one write is running, every request that arrives joins the next
/// one, so a hot domain does one storage write per batch instead of one per dispatch. A failed
/// write fails its batch and every later request (the activation must be dropped).
/// </summary>
internal sealed class BatchedStateWriter(object gate, Func<Task> writeAsync)
{
    private TaskCompletionSource? _next;
    private bool _running;
    private Exception? _failure;

    /// <summary>Call under <paramref name="gate"/>: the task completes when a write that started after this call is durable.</summary>
    public Task Request(out bool startLoop)
    {
        startLoop = false;
        if (_failure is not null) return Task.FromException(_failure);
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running)
        {
            _running = true;
            startLoop = true;
        }

        return _next.Task;
    }

    /// <summary>Call outside the gate when <see cref="Request"/> said so.</summary>
    public async Task RunAsync()
    {
        // Let the dispatches already queued on this grain apply first, so they join this write rather than the next:
        // with a storage that completes synchronously there would otherwise be one full-state write per dispatch.
        await Task.Yield();
        while (true)
        {
            TaskCompletionSource batch;
            lock (gate)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }

                batch = _next;
                _next = null;
            }

            try
            {
                await writeAsync();
                batch.TrySetResult();
            }
            catch (Exception error)
            {
                TaskCompletionSource? later;
                lock (gate)
                {
                    _failure = error;
                    later = _next;
                    _next = null;
                    _running = false;
                }

                batch.TrySetException(error);
                later?.TrySetException(error);
                return;
            }
        }
    }
}
