using Microsoft.Extensions.Logging;

namespace OrleansVm.Grains;

/// <summary>
/// Logs an instance's failed deliveries without flooding: the first failure towards a domain at once, then
/// while it keeps failing one line per <paramref name="repeatEvery"/> with the attempts so
/// far, and one line when it is reached again. The outbox retries every couple of seconds for as long as the
/// domain is unreachable; a line per attempt would bury everything else. One per grain activation, used
/// only on its turns (no lock).
/// </summary>
internal sealed class OutboxDeliveryLog(ILogger logger, TimeSpan retryPeriod, TimeSpan repeatEvery, TimeProvider time)
{
    private readonly Dictionary<string, Failing> _failing = new(StringComparer.Ordinal);

    public void Failed(string workspaceId, string instanceId, string domain, string dispatchId, int pending, Exception error)
    {
        var now = time.GetUtcNow();
        if (!_failing.TryGetValue(domain, out var failing))
        {
            _failing[domain] = new Failing(now) { Attempts = 1, LastLogged = now };
            logger.DeliveryFailed(workspaceId, instanceId, domain, dispatchId, GrainsLog.Describe(error), pending, retryPeriod);
            return;
        }

        failing.Attempts++;
        if (now - failing.LastLogged < repeatEvery) return;
        failing.LastLogged = now;
        logger.DeliveryStillFailing(workspaceId, instanceId, domain, dispatchId, GrainsLog.Describe(error), pending, failing.Attempts, failing.Since);
    }

    public void Delivered(string workspaceId, string instanceId, string domain)
    {
        if (_failing.Count == 0 || !_failing.Remove(domain, out var failing)) return;
        logger.DeliveryRecovered(workspaceId, instanceId, domain, failing.Attempts);
    }

    private sealed class Failing(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Attempts { get; set; }

        public DateTimeOffset LastLogged { get; set; }
    }
}
