using Orleans.Storage;

namespace OrleansVm.Grains;

/// <summary>
/// The journal of a domain: a ring of <see cref="Slots"/> records ("domain-journal-0", ...) in the domain's own grain
/// storage, next to its snapshot ("domain"). Batch n goes to slot n mod <see cref="Slots"/>, one record write, compare-
/// and-swap on that slot's ETag: two activations of one domain both write their next batch to the same slot, so one of
/// them gets Orleans' <see cref="InconsistentStateException"/>, as a whole-state write would. A slot is reused only once
/// the snapshot covers what it held (compaction runs when the ring is full at the latest), so the entries after the
/// snapshot always form an unbroken chain: activation reads from the snapshot's position until a slot holds another
/// position.
/// </summary>
internal sealed class DomainJournal
{
    public const string StatePrefix = "domain-journal-";

    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;
    private NumberedRecords<DomainJournalEntry> _slots = null!;
    private bool[] _known = [];

    public DomainJournal(IGrainStorage storage, GrainId grainId, int slots)
    {
        _storage = storage;
        _grainId = grainId;
        Reset(slots);
    }

    public int Slots { get; private set; }

    /// <summary>The position the snapshot covers.</summary>
    public long SnapshotSeq { get; private set; }

    /// <summary>The last position durable in the chain.</summary>
    public long End { get; private set; }

    /// <summary>Changes written to the journal since the snapshot.</summary>
    public long Changes { get; private set; }

    /// <summary>The entries after <paramref name="snapshotSeq"/>, in order.</summary>
    public async Task<List<DomainJournalEntry>> LoadAsync(long snapshotSeq)
    {
        SnapshotSeq = End = snapshotSeq;
        Changes = 0;
        var entries = new List<DomainJournalEntry>();
        for (var seq = snapshotSeq + 1; seq <= snapshotSeq + Slots; seq++)
        {
            var slot = await ReadSlotAsync(IndexOf(seq));
            if (slot is null || slot.Seq != seq) break;
            entries.Add(slot);
            End = seq;
            Changes += slot.ChangeCount();
        }

        return entries;
    }

    /// <summary>Writes <paramref name="entry"/> as the next position; durable when this completes.</summary>
    public async Task AppendAsync(DomainJournalEntry entry)
    {
        var seq = End + 1;
        if (seq - SnapshotSeq > Slots) throw new InvalidOperationException($"Journal of {_grainId} is full: compaction did not run.");
        entry.Seq = seq;
        var index = IndexOf(seq);
        if (!_known[index])
        {
            // Never seen by this activation: it must hold a position the snapshot covers (an older lap, possibly of a
            // former slot count) or nothing. Anything later was written by another activation.
            var current = await ReadSlotAsync(index);
            if (current is not null && current.Seq > SnapshotSeq)
                throw new InconsistentStateException($"Journal slot {index} of {_grainId} holds position {current.Seq}; this activation is at {seq}.");
        }

        await _slots.WriteAsync(index, entry);
        End = seq;
        Changes += entry.ChangeCount();
    }

    /// <summary>True when the snapshot should be rewritten: the ring is full, or the journal carries as many changes as the snapshot has entries.</summary>
    public bool NeedsCompaction(long snapshotEntries, long minChanges) =>
        End > SnapshotSeq && (End - SnapshotSeq >= Slots || Changes >= Math.Max(minChanges, snapshotEntries));

    /// <summary>Whether the snapshot will be due once an entry of <paramref name="entryChanges"/> changes is appended.</summary>
    public bool DueAfter(int entryChanges, long snapshotEntries, long minChanges) =>
        End + 1 - SnapshotSeq >= Slots || Changes + entryChanges >= Math.Max(minChanges, snapshotEntries);

    /// <summary>A snapshot covering <see cref="End"/> is durable; later positions may use <paramref name="slots"/> slots.</summary>
    public void Compacted(int slots)
    {
        SnapshotSeq = End;
        Changes = 0;
        if (slots != Slots) Reset(slots);
    }

    private int IndexOf(long seq) => (int)(seq % Slots);

    /// <summary>The entry a slot holds (null: none); the slot is known to this activation from then on.</summary>
    private async Task<DomainJournalEntry?> ReadSlotAsync(int index)
    {
        var entry = await _slots.ReadAsync(index);
        _known[index] = true;
        return entry;
    }

    private void Reset(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        Slots = slots;
        _slots = new NumberedRecords<DomainJournalEntry>(_storage, _grainId, StatePrefix, slots);
        _known = new bool[slots];
    }
}
