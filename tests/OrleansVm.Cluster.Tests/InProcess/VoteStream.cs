using System.Diagnostics;
using OrleansVm.Testing;

namespace OrleansVm.Cluster.Tests.InProcess;

/// <summary>
/// Concurrent workers sending `vote` events to instances until stopped, bounded in count and time.
/// A failed (unacknowledged) event is retried by the next round like a client would; only
/// acknowledged ones are counted as owed. Each worker picks a grain factory per call, so the calls
/// enter the cluster through every silo.
/// </summary>
public sealed class VoteStream
{
    private readonly IReadOnlyList<TestInstance> _instances;
    private readonly Func<int, IGrainFactory> _entryPoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _sent;

    public VoteStream(IReadOnlyList<TestInstance> instances, Func<int, IGrainFactory> entryPoint)
    {
        _instances = instances;
        _entryPoint = entryPoint;
    }

    public VoteLedger Ledger { get; } = new();

    public int MaxEvents { get; init; } = 4000;

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(90);

    public void Start(int workers)
    {
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            _workers.Add(Task.Run(() => RunAsync(worker)));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> events are acknowledged (bounded by <see cref="MaxDuration"/>).</summary>
    public Task AcknowledgedAtLeastAsync(int count) =>
        OrleansVmTesting.EventuallyAsync(() => Task.FromResult(Ledger.Acknowledged >= count), $"{count} acknowledged votes", MaxDuration);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync(int worker)
    {
        var clock = Stopwatch.StartNew();
        for (var i = worker; !_stop.IsCancellationRequested && clock.Elapsed < MaxDuration; i += _workers.Count)
        {
            if (Interlocked.Increment(ref _sent) > MaxEvents) return;
            var instance = _instances[i % _instances.Count];
            var grains = _entryPoint(i);
            try
            {
                await grains.GetGrain<OrleansVm.Grains.IPluginInstanceGrain>(instance.Id)
                    .HandleEventAsync(instance.WorkspaceId, "main", "vote", VoteLedger.VoteFor(instance.Id));
                Ledger.Acknowledge(instance.Id);
            }
            catch (Exception ex) when (IsClusterFault(ex))
            {
                // Not acknowledged: the caller may retry; it may or may not have been applied.
                Ledger.Fail(instance.Id, ex);
                await Task.Delay(20);
            }
        }
    }

    /// <summary>What a caller sees while a silo dies or leaves: anything else is a bug and fails the test.</summary>
    private static bool IsClusterFault(Exception ex) =>
        ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
            or ObjectDisposedException or OperationCanceledException
        || (ex is OrleansException && ex.GetType().Name.Contains("Activation", StringComparison.Ordinal))
        || ex.GetType().Name is "ClientNotAvailableException" or "GatewayTooBusyException" or "ConnectionFailedException";
}
