namespace OrleansVm.Sandbox;

/// <summary>What the reducers did with one plugin-scoped intent: "applied", or "ignored" with a reason.</summary>
public sealed record LocalActionResult(PluginIntent Intent, string Outcome, string? Reason)
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string NoLocalReducerMatch = "no-local-reducer-match";
}
