namespace OrleansVm.Grains.Tests;

/// <summary>Issue 12 item 6: an acknowledged event's timeline entries survive a silo crash (kill, no deactivation).</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task Timeline_entries_of_acknowledged_events_survive_a_crash_right_after()
    {
        var (workspace, tally) = await TallySetupAsync();
        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var response = await EventAsync(workspace, tally, "main", "add");
            acknowledged.AddRange(response.Dispatches.Select(d => d.DispatchId));
        }
        Assert.NotEmpty(acknowledged);

        // Killed at once: no deactivation, no timer tick (the activity grain used to save once a second).
        await CrashAndRestartSiloAsync();

        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200);
        var kept = timeline.Select(r => r.DispatchId).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, id => Assert.Contains(id, kept));
        var metrics = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetMetricsAsync();
        Assert.True(metrics.DispatchCount >= acknowledged.Count, $"{metrics.DispatchCount} dispatches counted, {acknowledged.Count} acknowledged");
    }
}
