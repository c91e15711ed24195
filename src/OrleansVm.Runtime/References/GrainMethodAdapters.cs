namespace OrleansVm.Runtime;

/// <summary>Converts between the awaitables grain methods return and the runtime's ValueTask&lt;TResult&gt; call path. Used by generated code.</summary>
public static class GrainMethodAdapters
{
    public static ValueTask<VoidResult> FromTask(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return default;
        }

        return Await(task);

        static async ValueTask<VoidResult> Await(Task task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }

    public static ValueTask<VoidResult> FromValueTask(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return Await(task);

        static async ValueTask<VoidResult> Await(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }

    public static ValueTask<TResult> FromTask<TResult>(Task<TResult> task) => new(task);

    public static Task ToTask(ValueTask<VoidResult> call)
    {
        if (call.IsCompletedSuccessfully)
        {
            call.GetAwaiter().GetResult();
            return Task.CompletedTask;
        }

        return call.AsTask();
    }

    public static ValueTask ToValueTask(ValueTask<VoidResult> call)
    {
        if (call.IsCompletedSuccessfully)
        {
            call.GetAwaiter().GetResult();
            return default;
        }

        return new ValueTask(call.AsTask());
    }

    public static Task<TResult> ToTask<TResult>(ValueTask<TResult> call) => call.AsTask();
}
