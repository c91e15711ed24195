namespace OrleansVm.Runtime;

internal sealed class OutgoingGrainCallContext<TResult> : GrainCallContextBase<TResult>, IOutgoingGrainCallContext
{
    private readonly GrainCallDispatcher _dispatcher;
    private readonly TurnContext? _caller;

    public OutgoingGrainCallContext(GrainCallDispatcher dispatcher, GrainId targetId, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller)
        : base(caller?.Activation.GrainId, targetId, method, arguments)
    {
        _dispatcher = dispatcher;
        _caller = caller;
    }

    public async ValueTask<TResult> InvokeAsync()
    {
        await Invoke().ConfigureAwait(false);
        return TypedResult;
    }

    public async Task Invoke()
    {
        var index = NextFilter++;
        var filters = _dispatcher.OutgoingFilters;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this).ConfigureAwait(false);
            return;
        }

        TypedResult = await _dispatcher.SendAsync(TargetId, TypedMethod, Arguments, _caller).ConfigureAwait(false);
    }
}
