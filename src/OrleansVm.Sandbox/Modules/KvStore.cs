using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox;

/// <summary>
/// The kv module's map for one call: a working copy of the caller's JsonObject. The caller
/// gets it back on success and persists it; on failure it is simply dropped.
/// </summary>
public sealed class KvStore
{
    internal static readonly KvStore Empty = new(null, maxBytes: 0, readOnly: true);

    private readonly JsonObject? _source;
    private readonly long _maxBytes;
    private JsonObject? _working;

    internal KvStore(JsonObject? source, long maxBytes, bool readOnly)
    {
        _source = source;
        _maxBytes = maxBytes;
        IsReadOnly = readOnly;
    }

    public bool IsReadOnly { get; }

    private JsonObject Working => _working ??= _source is null ? new JsonObject() : (JsonObject)_source.DeepClone();

    public JsonNode? Get(string key) => (_working ?? _source) is { } map && map.TryGetPropertyValue(key, out var v) ? v : null;

    public bool Contains(string key) => (_working ?? _source)?.ContainsKey(key) ?? false;

    public IReadOnlyList<string> Keys => (_working ?? _source)?.Select(p => p.Key).ToList() ?? [];

    /// <summary>Sets a value; false when the map would pass its size limit (nothing changes then).</summary>
    public bool TrySet(string key, JsonNode? value)
    {
        var working = Working;
        working.TryGetPropertyValue(key, out var previous);
        var hadKey = working.ContainsKey(key);
        working[key] = value;
        if (Internal.JsonSize.Of(working) <= _maxBytes) return true;
        if (hadKey) working[key] = previous?.DeepClone(); else working.Remove(key);
        return false;
    }

    public bool Delete(string key) => Working.Remove(key);

    /// <summary>The map after the call: the working copy, or an unchanged copy of the input.</summary>
    internal JsonObject Result() => _working ?? (_source is null ? new JsonObject() : (JsonObject)_source.DeepClone());
}
