namespace OrleansVm.Storage;

/// <summary>Counters of committed write transactions; the benchmark reads them to show how well writes were grouped.</summary>
public sealed class WriteStatistics
{
    private long transactions;
    private long writes;
    private int largestBatch;

    public long Transactions => Interlocked.Read(ref transactions);
    public long Writes => Interlocked.Read(ref writes);
    public int LargestBatch => Volatile.Read(ref largestBatch);
    public double AverageBatchSize => Transactions == 0 ? 0 : (double)Writes / Transactions;

    internal void RecordCommit(int batchSize)
    {
        Interlocked.Increment(ref transactions);
        Interlocked.Add(ref writes, batchSize);
        int seen;
        while (batchSize > (seen = Volatile.Read(ref largestBatch)) &&
               Interlocked.CompareExchange(ref largestBatch, batchSize, seen) != seen)
        {
        }
    }
}
