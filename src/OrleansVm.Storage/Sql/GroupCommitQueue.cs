using System.Threading.Channels;

namespace OrleansVm.Storage;

/// <summary>
/// The group-commit writer loop: callers enqueue, one loop takes everything pending (up to a batch size)
/// and hands it to a commit function as one batch. While a batch commits, the next one accumulates,
/// so the number of fsyncs follows the database's speed, not the number of writers.
/// </summary>
internal sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly Channel<PendingWrite> channel =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int maxBatchSize;
    private readonly Func<IReadOnlyList<PendingWrite>, Task> commitBatch;
    private readonly Task loop;

    /// <param name="commitBatch">Must complete or fail every item of the batch it is given.</param>
    public GroupCommitQueue(int maxBatchSize, Func<IReadOnlyList<PendingWrite>, Task> commitBatch)
    {
        this.maxBatchSize = maxBatchSize;
        this.commitBatch = commitBatch;
        loop = Task.Run(RunAsync);
    }

    /// <summary>False once the queue is being disposed.</summary>
    public bool TryEnqueue(PendingWrite write) => channel.Writer.TryWrite(write);

    private async Task RunAsync()
    {
        var reader = channel.Reader;
        var batch = new List<PendingWrite>(Math.Min(maxBatchSize, 1024));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < maxBatchSize && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await commitBatch(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Safety net: the loop must survive and no caller may wait forever.
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
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }
}
