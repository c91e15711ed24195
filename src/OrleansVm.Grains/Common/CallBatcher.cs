namespace OrleansVm.Grains;

/// <summary>
/// Group commit for calls: items added from any thread go out in one call per batch. While a call is in flight,
/// new items wait for the next call, so a caller's item is always sent after it was added, in the order added,
/// and the caller hears back when the call that carried it completed (or failed: then only that batch fails).
/// The sending runs on the thread pool, outside any grain's scheduler, so no grain turn waits behind another's batch.
/// Once it has sent everything it retires (<paramref name="retired"/> is told): a retired batcher takes no more
/// items, so a holder of many (one per key) can drop idle ones without losing an item to a race.
/// </summary>
internal sealed class CallBatcher<T>(Func<IReadOnlyList<T>, Task> send, Action<CallBatcher<T>>? retired = null)
{
    private readonly Lock _lock = new();
    private List<T> _pending = [];
    private TaskCompletionSource? _pendingDone;
    private bool _sending;
    private bool _retired;

    /// <summary>Items waiting for the next call.</summary>
    public int Pending
    {
        get
        {
            lock (_lock) return _pending.Count;
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/>; <paramref name="done"/> completes when the call that carried it completed.
    /// False once retired: use a new batcher.
    /// </summary>
    public bool TryAdd(T item, out Task done)
    {
        bool start;
        lock (_lock)
        {
            if (_retired)
            {
                done = Task.CompletedTask;
                return false;
            }

            _pending.Add(item);
            _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = _pendingDone.Task;
            start = !_sending;
            _sending = true;
        }

        if (start) _ = Task.Run(SendAllAsync);
        return true;
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            List<T> batch;
            TaskCompletionSource done;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _sending = false;
                    _retired = retired is not null;
                    break;
                }

                batch = _pending;
                done = _pendingDone!;
                _pending = [];
                _pendingDone = null;
            }

            try
            {
                await send(batch);
                done.TrySetResult();
            }
            catch (Exception error)
            {
                done.TrySetException(error);
            }
        }

        retired?.Invoke(this);
    }
}
