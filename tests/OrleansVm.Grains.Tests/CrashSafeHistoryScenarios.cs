using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

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

/// <summary>Issue 14: the timeline is written as a small newest part per batch plus sealed segments, each written once.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task The_timeline_keeps_the_newest_200_in_order_across_segment_seals_a_failed_seal_and_a_crash()
    {
        var (workspace, tally) = await TallySetupAsync();
        var acknowledged = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            if (i == 50) Storage.FailNextWriteOf(TimelineSegments.StatePrefix); // that batch fails; its records stay in memory and go again
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

/// <summary>Issue 14: a seal is durable before the newest record drops its entries; a crash in between repeats nothing, a failed seal loses nothing.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task A_failed_seal_fails_no_record_and_the_next_write_seals_the_segment()
    {
        var activity = Client.GetGrain<IWorkspaceActivityGrain>("ws-seal-" + Guid.NewGuid().ToString("N")[..8]);
        var ids = new List<string>();
        Task RecordAsync(int count)
        {
            var records = Enumerable.Range(ids.Count, count)
                .Select(n => new DispatchRecord($"inst0001#{n}", DateTimeOffset.UnixEpoch.AddSeconds(n), "local", "add", "inst0001", null, "applied", null))
                .ToList();
            ids.AddRange(records.Select(r => r.DispatchId));
            return activity.RecordAsync([new ActivityReport(records, null)]);
        }

        // The segment's write fails; the newest record written alongside it holds the entries, so the call succeeds.
        Storage.FailNextWriteOf(TimelineSegments.StatePrefix);
        await RecordAsync(TimelineSegments.SegmentSize);
        Assert.False(Storage.Armed);
        Assert.Equal(Enumerable.Reverse(ids), (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));

        await RecordAsync(1); // seals the segment this time
        await RecordAsync(1); // the newest record drops the sealed entries
        await CrashAndRestartSiloAsync();

        Assert.Equal(Enumerable.Reverse(ids), (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));
        Assert.Equal(ids.Count, (await activity.GetMetricsAsync()).DispatchCount);
    }

    [Fact]
    public async Task A_crash_between_a_seal_and_the_newest_records_write_neither_loses_nor_repeats_an_entry()
    {
        var (workspace, tally) = await TallySetupAsync();
        var acknowledged = new List<string>();
        for (var i = 0; i < 15; i++) acknowledged.AddRange((await EventAsync(workspace, tally, "main", "add")).Dispatches.Select(d => d.DispatchId));

        // The 16th event fills the first segment: the seal is durable, then the activity grain fails as if it crashed.
        Storage.CrashAfterNextWriteOf(TimelineSegments.StatePrefix);
        acknowledged.AddRange((await EventAsync(workspace, tally, "main", "add")).Dispatches.Select(d => d.DispatchId));
        Assert.Equal(TimelineSegments.SegmentSize, acknowledged.Count);
        await CrashAndRestartSiloAsync();

        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200);
        Assert.Equal(Enumerable.Reverse(acknowledged), timeline.Select(r => r.DispatchId));
    }

    [Fact]
    public async Task A_timeline_archived_before_segments_is_read_as_its_oldest_part_until_segments_hold_a_whole_timeline()
    {
        var (workspace, tally) = await TallySetupAsync();
        // What a silo before segments stored: the older entries in one "activity-archive" record.
        var legacy = Enumerable.Range(1, 40).Select(i => new DispatchRecord($"old@AAAAAAAA#{i}", DateTimeOffset.UnixEpoch.AddSeconds(i),
            "plugin", "clicked", "old@AAAAAAAA", null, "applied", null)).ToList();
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName);
        await storage.WriteStateAsync("activity-archive", GrainId.Create(GrainTypes.WorkspaceActivity, Ws(workspace)),
            new GrainState<ActivityArchive> { State = new ActivityArchive { Timeline = legacy } });
        await CrashAndRestartSiloAsync(); // the activity grain starts from what is stored

        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++) acknowledged.AddRange((await EventAsync(workspace, tally, "main", "add")).Dispatches.Select(d => d.DispatchId));
        var activity = Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace));
        var expected = Enumerable.Reverse(acknowledged).Concat(Enumerable.Reverse(legacy).Select(r => r.DispatchId)).ToList();
        Assert.Equal(expected, (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));

        // 224 more entries fill every segment slot: the old archive is emptied and nothing of it is read any more.
        for (var i = 0; i < 112; i++) acknowledged.AddRange((await EventAsync(workspace, tally, "main", "add")).Dispatches.Select(d => d.DispatchId));
        await CrashAndRestartSiloAsync();
        var stored = new GrainState<ActivityArchive>();
        await SiloServices.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName)
            .ReadStateAsync("activity-archive", GrainId.Create(GrainTypes.WorkspaceActivity, Ws(workspace)), stored);
        Assert.Empty(stored.State!.Timeline);
        Assert.Equal(Enumerable.Reverse(acknowledged).Take(200), (await activity.GetTimelineAsync(200)).Select(r => r.DispatchId));
    }
}
