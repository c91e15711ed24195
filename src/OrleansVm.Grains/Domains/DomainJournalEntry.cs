using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// One batch of a journaled domain, as stored in a journal slot: the values of what changed (top-level keys,
/// members of top-level objects, or the whole state) and the high-water marks that changed, so a batch and the
/// marks guarding it land in one record write. Values are absolute, never deltas: replaying an entry over a
/// snapshot that already holds it changes nothing.
/// </summary>
public sealed class DomainJournalEntry
{
    /// <summary>Position in the domain's chain of batches (1, 2, ...); 0 in a slot never written.</summary>
    public long Seq { get; set; }

    /// <summary>The whole new state, when the reducer could not say what changed.</summary>
    public JsonNode? State { get; set; }

    public Dictionary<string, JsonNode?>? Keys { get; set; }

    public List<string>? RemovedKeys { get; set; }

    /// <summary>Per top-level object key, its members that were set.</summary>
    public Dictionary<string, Dictionary<string, JsonNode?>>? Members { get; set; }

    public Dictionary<string, List<string>>? RemovedMembers { get; set; }

    public Dictionary<string, AppliedMark>? Marks { get; set; }

    public List<string>? RemovedMarks { get; set; }

    /// <summary>How many changes this entry carries (what compaction weighs against the snapshot's size).</summary>
    public int ChangeCount() =>
        (State is null ? 0 : 1) + (Keys?.Count ?? 0) + (RemovedKeys?.Count ?? 0) + (Marks?.Count ?? 0) + (RemovedMarks?.Count ?? 0)
        + (Members?.Values.Sum(m => m.Count) ?? 0) + (RemovedMembers?.Values.Sum(m => m.Count) ?? 0);

    /// <summary>Applies this entry to a loaded state and its marks; returns the new state root.</summary>
    public JsonNode? ApplyTo(JsonNode? state, Dictionary<string, AppliedMark> applied)
    {
        if (State is not null) state = State;
        if (state is JsonObject root)
        {
            foreach (var (key, value) in Keys ?? []) root[key] = value;
            foreach (var key in RemovedKeys ?? []) root.Remove(key);
            foreach (var (key, members) in Members ?? [])
            {
                if (root[key] is not JsonObject target) root[key] = target = new JsonObject();
                foreach (var (member, value) in members) target[member] = value;
            }

            foreach (var (key, members) in RemovedMembers ?? [])
            {
                if (root[key] is not JsonObject target) continue;
                foreach (var member in members) target.Remove(member);
            }
        }

        foreach (var (instanceId, mark) in Marks ?? []) applied[instanceId] = mark;
        foreach (var instanceId in RemovedMarks ?? []) applied.Remove(instanceId);
        return state;
    }
}
