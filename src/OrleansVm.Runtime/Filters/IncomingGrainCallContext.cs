namespace OrleansVm.Runtime;

internal sealed class IncomingGrainCallContext<TResult> : GrainCallContextBase<TResult>, IIncomingGrainCallContext
{
    private readonly IIncomingGrainCallFilter[] _filters;

    private IncomingGrainCallContext(Activation activation, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller)
        : base(caller?.Activation.GrainId, activation.GrainId, method, arguments)
    {
        Grain = activation.GrainInstance!;
        _filters = activation.Catalog.IncomingFilters;
    }

    public object Grain { get; }

    /// <summary>Runs the incoming filters and then the grain method, inside the target's turn.</summary>
    public static async ValueTask<TResult> InvokeAsync(Activation activation, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller)
    {
        var context = new IncomingGrainCallContext<TResult>(activation, method, arguments, caller);
        await context.Invoke().ConfigureAwait(false);
        return context.TypedResult;
    }

    public async Task Invoke()
    {
        var index = NextFilter++;
        if (index < _filters.Length)
        {
            await _filters[index].Invoke(this).ConfigureAwait(false);
            return;
        }

        TypedResult = await TypedMethod.Invoke(Grain, Arguments).ConfigureAwait(false);
    }
}
