namespace OrleansVm.Runtime;

/// <summary>A grain method whose awaited result is <typeparamref name="TResult"/>; invokes it on a grain instance without reflection.</summary>
public sealed class GrainMethod<TResult> : GrainMethod
{
    private readonly Func<object, object?[], ValueTask<TResult>> _invoke;

    public GrainMethod(
        Type interfaceType,
        string name,
        string id,
        Type[] parameterTypes,
        GrainMethodFlags flags,
        Func<object, object?[], ValueTask<TResult>> invoke)
        : base(interfaceType, name, id, parameterTypes, typeof(TResult), flags)
    {
        _invoke = invoke;
    }

    /// <summary>Calls the method on <paramref name="grain"/> with <paramref name="arguments"/>.</summary>
    public ValueTask<TResult> Invoke(object grain, object?[] arguments) => _invoke(grain, arguments);
}
