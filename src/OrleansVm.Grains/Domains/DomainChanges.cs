using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// What changed in a domain since its last durable write: paths into the state (a top-level key, or a member of
/// a top-level object) and instances whose high-water mark moved. Only paths are kept; their values are read when
/// the batch is written, so a member set by a hundred dispatches of one batch is written once, with its last value.
/// </summary>
internal sealed class DomainChanges
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _marks = new(StringComparer.Ordinal);
    private bool _wholeState;

    public bool IsEmpty => !_wholeState && _keys.Count == 0 && _members.Count == 0 && _marks.Count == 0;

    /// <summary>The whole state was replaced (or changed in ways the reducer does not describe).</summary>
    public void StateReplaced() => _wholeState = true;

    /// <summary>Top-level <paramref name="key"/> was set or removed.</summary>
    public void KeyChanged(string key) => _keys.Add(key);

    /// <summary>Member <paramref name="member"/> of the top-level object <paramref name="key"/> was set or removed.</summary>
    public void MemberChanged(string key, string member)
    {
        if (!_members.TryGetValue(key, out var members)) _members[key] = members = new HashSet<string>(StringComparer.Ordinal);
        members.Add(member);
    }

    public void MarkChanged(string instanceId) => _marks.Add(instanceId);

    /// <summary>
    /// The entry that makes storage match <paramref name="state"/> and <paramref name="applied"/> on every changed
    /// path, with copies of the values (the live nodes keep changing after this returns); clears the changes.
    /// </summary>
    public DomainJournalEntry Take(long seq, JsonNode? state, IReadOnlyDictionary<string, AppliedMark> applied)
    {
        var entry = new DomainJournalEntry { Seq = seq };
        if (_wholeState || state is not JsonObject root)
        {
            entry.State = state?.DeepClone();
        }
        else
        {
            foreach (var key in _keys)
            {
                if (root.TryGetPropertyValue(key, out var value)) (entry.Keys ??= new(StringComparer.Ordinal))[key] = value?.DeepClone();
                else (entry.RemovedKeys ??= []).Add(key);
            }

            foreach (var (key, members) in _members)
            {
                if (_keys.Contains(key)) continue; // the whole key is written already
                var target = root[key] as JsonObject;
                foreach (var member in members)
                {
                    if (target is not null && target.TryGetPropertyValue(member, out var value))
                    {
                        if (!(entry.Members ??= new(StringComparer.Ordinal)).TryGetValue(key, out var set))
                            entry.Members[key] = set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                        set[member] = value?.DeepClone();
                    }
                    else
                    {
                        if (!(entry.RemovedMembers ??= new(StringComparer.Ordinal)).TryGetValue(key, out var removed))
                            entry.RemovedMembers[key] = removed = [];
                        removed.Add(member);
                    }
                }
            }
        }

        foreach (var instanceId in _marks)
        {
            if (applied.TryGetValue(instanceId, out var mark)) (entry.Marks ??= new(StringComparer.Ordinal))[instanceId] = mark;
            else (entry.RemovedMarks ??= []).Add(instanceId);
        }

        Clear();
        return entry;
    }

    public void Clear()
    {
        _wholeState = false;
        _keys.Clear();
        _members.Clear();
        _marks.Clear();
    }
}
