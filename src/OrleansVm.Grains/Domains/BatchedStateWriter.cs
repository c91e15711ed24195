namespace OrleansVm.Grains;

/// <summary>
/// Group commit inside one reentrant grain: callers that changed the state in memory ask for a
/// durable write and wait for it; while one write is running, every request that arrives (in an
/// interleaved turn) joins the next one, so a hot domain does one storage write per batch instead of
/// one per dispatch. A failed write fails its batch and every later request (the activation must be
/// dropped), unless <paramref name="latchFailure"/> is false: then only that batch fails and the next request
/// writes again (for state whose memory stays valid after a failed write, e.g. the activity timeline).
/// Orleans runs the grain's turns one at a time, so this needs no lock.
/// </summary>
internal sealed class BatchedStateWriter(Func<Task> writeAsync, bool latchFailure = true)
{
    private TaskCompletionSource? _next;
    private bool _running;
    private Exception? _failure;

    /// <summary>Completes when a write that started after this call is durable.</summary>
    public Task RequestAsync()
    {
        if (_failure is not null) return Task.FromException(_failure);
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batch = _next.Task;
        if (!_running)
        {
            _running = true;
            _ = RunAsync(); // runs on the grain's scheduler: its awaits are interleaving points of this activation
        }

        return batch;
    }

    private async Task RunAsync()
    {
        // Let the dispatches already queued on this grain apply first, so they join this write rather than the next:
        // with a storage that completes synchronously there would otherwise be one full-state write per dispatch.
        await Task.Yield();
        while (_next is { } batch)
        {
            _next = null;
            try
            {
                await writeAsync();
                batch.TrySetResult();
            }
            catch (Exception error)
            {
                if (latchFailure) _failure = error;
                var later = _next;
                _next = null;
                _running = false;
                batch.TrySetException(error);
                later?.TrySetException(error);
                return;
            }
        }

        _running = false;
    }
}
