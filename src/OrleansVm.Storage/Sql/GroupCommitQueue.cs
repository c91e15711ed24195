using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansVm.Storage;

/// <summary>
/// The group-commit writer loops: callers enqueue, a loop takes everything pending (up to a batch size)
/// and hands it to a commit function as one batch. While a batch commits, the next one accumulates,
/// so the number of fsyncs follows the database's speed, not the number of writers.
/// With <c>loops</c> &gt; 1 (PostgreSQL), there are that many independent queues, each with its own loop and
/// at most one batch in flight; a write goes to the queue chosen by the hash of its key. So all writes to one
/// key go through the same queue, in call order, and a key is never in two concurrent batches.
/// </summary>
internal sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly Channel<PendingWrite>[] _channels;
    private readonly int _maxBatchSize;
    private readonly Func<IReadOnlyList<PendingWrite>, Task> _commitBatch;
    private readonly Task[] _loops;
    private readonly ILogger _logger;

    /// <param name="commitBatch">Must complete or fail every item of the batch it is given.</param>
    public GroupCommitQueue(int maxBatchSize, Func<IReadOnlyList<PendingWrite>, Task> commitBatch, int loops = 1, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        _maxBatchSize = maxBatchSize;
        _commitBatch = commitBatch;
        _channels = new Channel<PendingWrite>[loops];
        _loops = new Task[loops];
        for (var i = 0; i < loops; i++)
        {
            var channel = _channels[i] = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
            _loops[i] = Task.Run(() => RunAsync(channel.Reader));
        }
    }

    /// <summary>False once the queue is being disposed.</summary>
    public bool TryEnqueue(PendingWrite write) => _channels[LoopOf(write)].Writer.TryWrite(write);

    // Same key, same loop, for the life of this instance (string hashes are stable within a process).
    private int LoopOf(PendingWrite write) =>
        _channels.Length == 1 ? 0 : (int)((uint)HashCode.Combine(write.StateType, write.GrainKey) % (uint)_channels.Length);

    private async Task RunAsync(ChannelReader<PendingWrite> reader)
    {
        var batch = new List<PendingWrite>(Math.Min(_maxBatchSize, 1024));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await _commitBatch(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Safety net: the loop must survive and no caller may wait forever.
                _logger.CommitLoopFailed(exception, batch.Count);
                foreach (var write in batch)
                {
                    write.Fail(exception);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Stops accepting writes and waits until every accepted one is committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
    }
}
