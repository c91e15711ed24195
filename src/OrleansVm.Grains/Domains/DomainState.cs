using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// The persisted domain: its state, the code of a custom domain, and per instance the last
/// dispatch applied (the high-water mark that makes delivery exactly once). For a journaled (built-in)
/// domain this is the snapshot: the journal entries after <see cref="JournalSeq"/> complete it.
/// </summary>
[GenerateSerializer]
public sealed class DomainState
{
    /// <summary>The `defineDomain` script of a custom domain; null for built-ins and undefined names.</summary>
    [Id(0)]
    public string? Code { get; set; }

    [Id(1)]
    public JsonNode? State { get; set; }

    [Id(2)]
    public Dictionary<string, AppliedMark> Applied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last journal position this snapshot includes (0: none).</summary>
    [Id(3)]
    public long JournalSeq { get; set; }

    /// <summary>How many journal slots the positions after <see cref="JournalSeq"/> are spread over (0: never journaled).</summary>
    [Id(4)]
    public int JournalSlots { get; set; }
}

/// <summary>The highest dispatch sequence of an instance this domain has decided, and that decision.</summary>
[GenerateSerializer, Immutable]
public sealed record AppliedMark(long Sequence, string Outcome, string? Reason);
