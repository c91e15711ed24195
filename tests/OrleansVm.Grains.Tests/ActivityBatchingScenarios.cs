using Microsoft.Extensions.DependencyInjection;

namespace OrleansVm.Grains.Tests;

/// <summary>Issue 14: instances of a workspace report their activity through the silo's reporter, one call per batch.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task Reports_of_events_that_wait_for_a_running_call_go_together_in_the_next_one_and_all_reach_the_timeline()
    {
        var (workspace, first) = await TallySetupAsync();
        var others = new List<string>();
        for (var i = 0; i < 5; i++) others.Add((await workspace.CreateInstanceAsync("tally", null)).InstanceId);
        var reporter = SiloServices.GetRequiredService<ActivityReporter>();
        var workspaceId = Ws(workspace);

        Calls.HoldNextRecord();
        var held = EventAsync(workspace, first, "main", "add");
        await Calls.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var callsWhileHeld = Calls.Count(nameof(IWorkspaceActivityGrain.RecordAsync), workspaceId);
        var rest = others.Select(id => EventAsync(workspace, id, "main", "add")).ToList();

        // The other events are durable and delivered; their reports wait in the reporter behind the held call.
        for (var i = 0; i < 3000 && reporter.PendingReports(workspaceId) < others.Count; i++) await Task.Delay(10);
        Assert.Equal(others.Count, reporter.PendingReports(workspaceId));
        Assert.All(rest, e => Assert.False(e.IsCompleted, "an event answered before its timeline entries were recorded"));

        Calls.Release();
        var responses = await Task.WhenAll(rest.Prepend(held)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(callsWhileHeld + 1, Calls.Count(nameof(IWorkspaceActivityGrain.RecordAsync), workspaceId)); // five events, one more call
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(workspaceId).GetTimelineAsync(200);
        var recorded = timeline.Select(r => r.DispatchId).ToList();
        Assert.Equal(recorded.Count, recorded.Distinct(StringComparer.Ordinal).Count());
        var acknowledged = responses.SelectMany(r => r.Dispatches).Select(d => d.DispatchId).ToList();
        Assert.Equal(12, acknowledged.Count); // six events, a plugin and a shared dispatch each
        Assert.All(acknowledged, id => Assert.Contains(id, recorded));
        Assert.Equal(0, reporter.PendingReports(workspaceId));
    }
}
