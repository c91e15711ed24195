using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// The projections of the domains active on this silo, as their activations last wrote them: an instance on the same
/// silo reads one here instead of calling <see cref="ISharedDomainGrain.GetProjectionAsync"/> on every event.
/// A domain publishes after each durable write, before the callers whose dispatches it carried hear back (so an
/// instance reads its own writes), and withdraws when it deactivates; a domain on another silo has no entry here, and
/// a reader falls back to the call. Both checks of a call stay: the instance reads only domains its own grant lists,
/// and the board serves only readers the domain itself has vouched for (a reader's first read is a call, which the
/// domain checks against its own workspace; the domain forgets its readers whenever its workspace changes a grant or
/// removes an instance). Stored as JSON text: every reader parses its own tree, so no node is shared across threads.
/// </summary>
public sealed class ProjectionBoard
{
    private readonly ConcurrentDictionary<string, Published> _domains = new(StringComparer.Ordinal);

    private sealed record Published(object Owner, IReadOnlyDictionary<string, bool> Readers, byte[] Json);

    /// <summary>
    /// Sets the projection of the domain keyed <paramref name="domainKey"/> (<see cref="DomainKeys"/>), owned by the
    /// activation <paramref name="owner"/>, for the instances in <paramref name="readers"/> (the domain's live set).
    /// </summary>
    public void Publish(string domainKey, object owner, IReadOnlyDictionary<string, bool> readers, JsonNode? projection) =>
        _domains[domainKey] = new Published(owner, readers, projection is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(projection));

    /// <summary>Removes the entry if <paramref name="owner"/> still owns it (a newer activation's entry stays).</summary>
    public void Withdraw(string domainKey, object owner)
    {
        if (_domains.TryGetValue(domainKey, out var published) && ReferenceEquals(published.Owner, owner))
            _domains.TryRemove(new KeyValuePair<string, Published>(domainKey, published));
    }

    /// <summary>
    /// The published projection as a tree of the reader's own; false when no activation on this silo published one,
    /// or its domain has not vouched for <paramref name="readerInstanceId"/>.
    /// </summary>
    public bool TryRead(string domainKey, string readerInstanceId, out JsonNode? projection)
    {
        if (_domains.TryGetValue(domainKey, out var published) && published.Readers.ContainsKey(readerInstanceId))
        {
            projection = JsonNode.Parse(published.Json);
            return true;
        }

        projection = null;
        return false;
    }
}
