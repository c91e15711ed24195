namespace OrleansVm.Storage;

/// <summary>Counters of committed write transactions; the benchmark reads them to show how well writes were grouped.</summary>
public sealed class WriteStatistics
{
    private long _transactions;
    private long _writes;
    private int _largestBatch;

    public long Transactions => Interlocked.Read(ref _transactions);
    public long Writes => Interlocked.Read(ref _writes);
    public int LargestBatch => Volatile.Read(ref _largestBatch);
    public double AverageBatchSize => Transactions == 0 ? 0 : (double)Writes / Transactions;

    internal void RecordCommit(int batchSize)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _writes, batchSize);
        int seen;
        while (batchSize > (seen = Volatile.Read(ref _largestBatch)) &&
               Interlocked.CompareExchange(ref _largestBatch, batchSize, seen) != seen)
        {
        }
    }
}
