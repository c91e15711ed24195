namespace OrleansVm.Cli;

/// <summary>What a cluster command answers: the API's value (printed by <c>--json</c>) and its text for people.</summary>
internal sealed record ClusterResult(object? Value, string Text);
