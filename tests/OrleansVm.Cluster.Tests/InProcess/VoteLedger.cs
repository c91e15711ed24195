using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace OrleansVm.Cluster.Tests.InProcess;

/// <summary>
/// What a client saw of a stream of `vote` events: per instance, how many were acknowledged and how
/// many attempts failed. Each instance votes for its own id, so the shared ballot counts each
/// instance's shared intents separately from the instance's own count of applied events.
/// </summary>
public sealed class VoteLedger
{
    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _failed = new();

    public int Acknowledged => _acknowledged.Values.Sum();

    public int Failed => _failed.Values.Sum();

    public int AcknowledgedBy(string instanceId) => _acknowledged.GetValueOrDefault(instanceId);

    public int FailedBy(string instanceId) => _failed.GetValueOrDefault(instanceId);

    public void Acknowledge(string instanceId) => _acknowledged.AddOrUpdate(instanceId, 1, (_, n) => n + 1);

    /// <summary>The first failures seen (type and message), for the assertion messages.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    public void Fail(string instanceId, Exception error)
    {
        _failed.AddOrUpdate(instanceId, 1, (_, n) => n + 1);
        if (Failures.Count < 5) Failures.Enqueue($"{error.GetType().Name}: {error.Message}");
    }

    public static JsonObject VoteFor(string instanceId) => new() { ["name"] = instanceId };
}
