namespace OrleansVm.Runtime;

/// <summary>Shared state of incoming and outgoing filter contexts; typed result so only filters box it.</summary>
internal abstract class GrainCallContextBase<TResult>(GrainId? sourceId, GrainId targetId, GrainMethod<TResult> method, object?[] arguments)
{
    protected int NextFilter;

    public GrainId? SourceId { get; } = sourceId;

    public GrainId TargetId { get; } = targetId;

    public GrainMethod<TResult> TypedMethod { get; } = method;

    public GrainMethod Method => TypedMethod;

    public Type InterfaceType => TypedMethod.InterfaceType;

    public string MethodName => TypedMethod.Name;

    public string MethodId => TypedMethod.Id;

    public object?[] Arguments { get; } = arguments;

    public TResult TypedResult { get; set; } = default!;

    public object? Result
    {
        get => typeof(TResult) == typeof(VoidResult) ? null : TypedResult;
        set => TypedResult = typeof(TResult) == typeof(VoidResult) ? default! : (TResult)value!;
    }
}
