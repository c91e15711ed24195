namespace OrleansVm.Grains.Tests;

/// <summary>
/// Counts the grain calls a silo receives, by method name and target key, and on demand holds the next call that
/// records activity (<see cref="IWorkspaceActivityGrain.RecordAsync"/>) inside the activity grain until the test
/// releases it (an incoming grain call filter).
/// </summary>
public sealed class GrainCallWatch : IIncomingGrainCallFilter
{
    private readonly Dictionary<(string Method, string Key), int> _calls = [];
    private TaskCompletionSource? _release;
    private bool _holdNextRecord;

    /// <summary>Completes once the held call is inside the activity grain.</summary>
    public TaskCompletionSource Held { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void AddTo(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(this);

    public void HoldNextRecord()
    {
        lock (_calls)
        {
            Held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holdNextRecord = true;
        }
    }

    public void Release() => _release?.TrySetResult();

    /// <summary>Calls of <paramref name="method"/> received by the grain keyed <paramref name="key"/> so far.</summary>
    public int Count(string method, string key)
    {
        lock (_calls) return _calls.GetValueOrDefault((method, key));
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        Task? release = null;
        lock (_calls)
        {
            var call = (context.MethodName, context.TargetId.Key.ToString());
            _calls[call] = _calls.GetValueOrDefault(call) + 1;
            if (_holdNextRecord && context.InterfaceMethod?.DeclaringType == typeof(IWorkspaceActivityGrain)
                && context.MethodName == nameof(IWorkspaceActivityGrain.RecordAsync))
            {
                _holdNextRecord = false;
                release = _release!.Task;
            }
        }

        if (release is not null)
        {
            Held.TrySetResult();
            await release;
        }

        await context.Invoke();
    }
}
