namespace OrleansVm.Storage;

/// <summary>A write or clear accepted by a provider, waiting for the transaction that carries it to commit.</summary>
internal sealed class PendingWrite(string stateType, string grainKey, string? payload, long expectedEtag)
{
    // Continuations run off the writer loop so a caller never delays the next batch.
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StateType { get; } = stateType;
    public string GrainKey { get; } = grainKey;

    /// <summary>The JSON to store; null for a clear.</summary>
    public string? Payload { get; } = payload;

    public long ExpectedEtag { get; } = expectedEtag;

    public Task<long> Completion => _completion.Task;

    /// <summary>Called only once the transaction is durable (or rolled back, for a conflict).</summary>
    public void Complete(WriteOutcome outcome)
    {
        if (outcome.Committed)
        {
            _completion.TrySetResult(outcome.Etag);
        }
        else
        {
            _completion.TrySetException(new GrainStateConflictException(StateType, GrainKey, ExpectedEtag, outcome.Etag));
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
