namespace OrleansVm.Grains;

/// <summary>
/// Silo-wide admission of sandbox executions (plugin load, render, event): at most
/// <see cref="OrleansVmOptions.MaxConcurrentSandboxCalls"/> run at once. A call waits here
/// BEFORE the sandbox starts its wall-clock budget, so the budget measures the call's own run rather
/// than the time it spent waiting for a core behind 63 other requests.
/// </summary>
public sealed class SandboxGate
{
    private readonly SemaphoreSlim _slots;
    private int _running;
    private int _peak;

    public SandboxGate(OrleansVmOptions options)
    {
        Capacity = options.MaxConcurrentSandboxCalls > 0 ? options.MaxConcurrentSandboxCalls : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    public int Capacity { get; }

    /// <summary>Sandbox calls running now (for tests and diagnostics).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most sandbox calls that ever ran at once on this silo.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Waits for a slot, then runs <paramref name="call"/> (synchronous: the sandbox is) and frees the slot.</summary>
    public async ValueTask<T> RunAsync<T>(Func<T> call)
    {
        await _slots.WaitAsync(); // resumes on the grain's own context: the sandbox runs inside its turn
        try
        {
            var running = Interlocked.Increment(ref _running);
            int peak;
            while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak) { }
            try
            {
                return call();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
