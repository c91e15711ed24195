namespace OrleansVm.Runtime;

/// <summary>
/// Where a grain reference sends its calls: a silo's dispatcher, or a client that forwards to a
/// silo. The caller identity is never a parameter: the implementation takes it from the turn it
/// runs in, so no caller can claim to be another grain.
/// </summary>
public interface IGrainCallInvoker
{
    ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainMethod<TResult> method, object?[] arguments);
}
