using System.Text.Json.Nodes;

namespace OrleansVm.TestSupport;

/// <summary>A grain state shaped like OrleansVm's: plain properties, collections, a nested POCO and JSON trees.</summary>
public sealed class ConformanceState
{
    public string Name { get; set; } = "";
    public int Counter { get; set; }
    public List<string> Tags { get; set; } = [];
    public Dictionary<string, long> Scores { get; set; } = [];
    public ConformanceChild? Child { get; set; }
    public JsonObject? Document { get; set; }
    public JsonObject Settings { get; set; } = [];
}

public sealed class ConformanceChild
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public List<ConformanceChild> Children { get; set; } = [];
}

/// <summary>What a grain activation holds for one persistent state (Orleans' GrainState, with a non-null State for readable tests).</summary>
public sealed class ConformanceGrainState(ConformanceState state, string? etag = null) : Orleans.IGrainState<ConformanceState>
{
    private ConformanceState _state = state;

    /// <summary>A provider that sets null here fails the test: grains would get a null state.</summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public ConformanceState State
    {
        get => _state;
        set => _state = value ?? throw new InvalidOperationException("The provider set State to null.");
    }

    public string? ETag { get; set; } = etag;
    public bool RecordExists { get; set; }
}
