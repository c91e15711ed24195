namespace OrleansVm.Runtime;

/// <summary>A grain call waiting for its turn; its caller awaits <see cref="Task"/>.</summary>
internal sealed class QueuedCall<TResult> : WorkItem
{
    private readonly Activation _activation;
    private readonly GrainMethod<TResult> _method;
    private readonly object?[] _arguments;

    // Continuations run asynchronously so a finishing turn never runs its caller's code inline
    // while it is still releasing the activation.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QueuedCall(Activation activation, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller, TurnKind kind)
        : base(kind, caller)
    {
        _activation = activation;
        _method = method;
        _arguments = arguments;
    }

    public Task<TResult> Task => _completion.Task;

    public override void Execute() => Complete(_activation.RunCallTurn(_method, _arguments, Caller, Kind));

    public override void Reroute() => Complete(_activation.Catalog.InvokeAsync(_activation.GrainId, _method, _arguments, Caller));

    public override void Fail(Exception error) => _completion.TrySetException(error);

    private void Complete(ValueTask<TResult> response)
    {
        if (response.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(response.Result);
            return;
        }

        _ = CompleteAsync(response);
    }

    private async Task CompleteAsync(ValueTask<TResult> response)
    {
        try
        {
            _completion.TrySetResult(await response.ConfigureAwait(false));
        }
        catch (OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        catch (Exception error)
        {
            _completion.TrySetException(error);
        }
    }
}
