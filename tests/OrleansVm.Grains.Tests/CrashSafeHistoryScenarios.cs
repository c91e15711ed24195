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

/// <summary>Issue 14: the timeline is written as a small newest part per batch plus an archive moved in bulk.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task The_timeline_keeps_the_newest_200_in_order_across_archive_moves_a_failed_archive_write_and_a_crash()
    {
        var (workspace, tally) = await TallySetupAsync();
        var acknowledged = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            if (i == 50) Storage.FailNextWriteOf("activity-archive"); // that batch fails; its records stay in memory and go again
            var response = await EventAsync(workspace, tally, "main", "add");
            acknowledged.AddRange(response.Dispatches.Select(d => d.DispatchId));
        }

        var activity = Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace));
        var expected = Enumerable.Reverse(acknowledged).Take(IWorkspaceActivityGrain.TimelineCapacity).ToList();
        Assert.Equal(expected, (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));

        await CrashAndRestartSiloAsync();

        Assert.Equal(expected, (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));
        Assert.Equal(acknowledged.Count, (await activity.GetMetricsAsync()).DispatchCount);
    }
}
