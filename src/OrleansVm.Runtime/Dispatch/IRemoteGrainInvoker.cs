namespace OrleansVm.Runtime;

/// <summary>
/// Sends a call to the silo that owns the target grain. The future transport serializes
/// (target id, <see cref="GrainMethod.Id"/>, arguments as JSON against
/// <see cref="GrainMethod.ParameterTypes"/>, source id), and the receiving silo resolves the method
/// with <see cref="GrainInterfaceRegistry.TryGetMethod"/> and hands it to its own catalog.
/// </summary>
public interface IRemoteGrainInvoker
{
    ValueTask<TResult> InvokeAsync<TResult>(SiloAddress owner, GrainId target, GrainMethod<TResult> method, object?[] arguments, GrainId? sourceId);
}

/// <summary>Single-silo stand-in: placement never names another silo, so reaching this is a bug.</summary>
internal sealed class NoRemoteGrainInvoker : IRemoteGrainInvoker
{
    public ValueTask<TResult> InvokeAsync<TResult>(SiloAddress owner, GrainId target, GrainMethod<TResult> method, object?[] arguments, GrainId? sourceId) =>
        ValueTask.FromException<TResult>(new NotSupportedException(
            $"{target} is placed on silo {owner}, but this silo has no transport to other silos (multi-silo clustering is a later issue)."));
}
