using Microsoft.Extensions.Logging;

namespace OrleansVm.Runtime;

/// <summary>Periodically deactivates activations idle past their collection age.</summary>
internal sealed class IdleCollector(Catalog catalog, SiloOptions options, ILogger<IdleCollector> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = RunAsync();

    public async ValueTask DisposeAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _loop = null;
    }

    /// <summary>One scan; also used by tests that do not want to wait for the period.</summary>
    public void CollectOnce()
    {
        var now = Environment.TickCount64;
        var defaultAgeMs = (long)options.CollectionAge.TotalMilliseconds;
        foreach (var activation in catalog.Activations)
        {
            var ageMs = activation.GrainClass.CollectionAge is { } age ? (long)age.TotalMilliseconds : defaultAgeMs;
            activation.CollectIfIdle(now, ageMs);
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(options.CollectionScanPeriod);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                CollectOnce();
            }
            catch (Exception error)
            {
                logger.LogError(error, "Idle collection scan failed");
            }
        }
    }
}
