namespace OrleansVm.Runtime;

/// <summary>
/// A silo's outgoing call path: takes the caller from the current turn, runs outgoing filters,
/// asks placement for the owner, then hands the call to the local catalog or to the remote
/// invoker, and bounds the wait by the response timeout. Calls that complete synchronously (an
/// idle local grain whose method did not await) allocate no timer and no task.
/// </summary>
internal sealed class GrainCallDispatcher : IGrainCallInvoker
{
    private readonly Catalog _catalog;
    private readonly IGrainPlacement _placement;
    private readonly IRemoteGrainInvoker _remote;
    private readonly SiloAddress _localSilo;
    private readonly TimeSpan _responseTimeout;
    private volatile bool _acceptsExternalCalls = true;

    public GrainCallDispatcher(
        Catalog catalog,
        IGrainPlacement placement,
        IRemoteGrainInvoker remote,
        ILocalSiloDetails localSilo,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        SiloOptions options)
    {
        _catalog = catalog;
        _placement = placement;
        _remote = remote;
        _localSilo = localSilo.Address;
        _responseTimeout = options.ResponseTimeout;
        OutgoingFilters = [.. outgoingFilters];
    }

    public IOutgoingGrainCallFilter[] OutgoingFilters { get; }

    /// <summary>Graceful shutdown: new calls from outside any grain are refused; calls made by running turns still go through.</summary>
    public void StopAcceptingExternalCalls() => _acceptsExternalCalls = false;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainMethod<TResult> method, object?[] arguments)
    {
        var caller = TurnContext.Current;
        if (caller is null && !_acceptsExternalCalls)
        {
            return ValueTask.FromException<TResult>(new SiloUnavailableException($"Silo {_localSilo} is shutting down and accepts no new calls ({method.Name} on {target.GrainId})."));
        }

        if (OutgoingFilters.Length != 0)
        {
            return new OutgoingGrainCallContext<TResult>(this, target.GrainId, method, arguments, caller).InvokeAsync();
        }

        return SendAsync(target.GrainId, method, arguments, caller);
    }

    public ValueTask<TResult> SendAsync<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller)
    {
        var owner = _placement.GetOwner(target);
        var response = ReferenceEquals(owner, _localSilo) || owner == _localSilo
            ? _catalog.InvokeAsync(target, method, arguments, caller)
            : _remote.InvokeAsync(owner, target, method, arguments, caller?.Activation.GrainId);
        return response.IsCompleted ? response : WithTimeoutAsync(response, target, method);
    }

    private async ValueTask<TResult> WithTimeoutAsync<TResult>(ValueTask<TResult> response, GrainId target, GrainMethod method)
    {
        var task = response.AsTask();
        try
        {
            return await task.WaitAsync(_responseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new GrainCallTimeoutException(
                $"{method.InterfaceType.Name}.{method.Name} on {target} did not respond within {_responseTimeout} (response timeout).");
        }
    }
}
