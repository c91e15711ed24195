using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// The persisted domain: its state, the code of a custom domain, and per instance the last
/// dispatch applied (the high-water mark that makes delivery exactly once).
/// </summary>
public sealed class DomainState
{
    /// <summary>The `defineDomain` script of a custom domain; null for built-ins and undefined names.</summary>
    public string? Code { get; set; }

    public JsonNode? State { get; set; }

    public Dictionary<string, AppliedMark> Applied { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The highest dispatch sequence of an instance this domain has decided, and that decision.</summary>
public sealed record AppliedMark(long Sequence, string Outcome, string? Reason);
