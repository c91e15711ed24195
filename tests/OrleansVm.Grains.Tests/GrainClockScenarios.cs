using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// The grains read time from the clock Orleans gives grains (the <see cref="TimeProviderNames.Grains"/>
/// TimeProvider, which also drives grain timers), so a fake clock makes timestamps exact and a
/// timer's period pass without waiting for it. Reminders and the rest of the silo keep real time.
/// </summary>
public sealed class GrainClockScenarios : GrainsTestBase
{
    private static readonly DateTimeOffset Start = new(2031, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    private FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureOptions(OrleansVmOptions options)
    {
        options.OutboxRetryPeriod = RetryPeriod;
        options.OutboxReminderPeriod = TimeSpan.FromHours(1); // real time: out of the way of the retry timer
    }

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Clock);

    [Fact]
    public async Task Workspaces_packages_dispatches_and_console_lines_carry_the_grains_clock()
    {
        var published = await PublishTallyAsync();
        var workspace = Client.GetGrain<IWorkspaceGrain>("ws-clock");
        var created = await workspace.CreateAsync();
        await GrantAsRequestedAsync(workspace, "tally");
        await DefineTallyDomainAsync(workspace);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        Clock.Advance(TimeSpan.FromMinutes(5));

        await EventAsync(workspace, tally, "main", "add");
        await EventAsync(workspace, tally, "main", "log", new JsonObject { ["n"] = 1 });

        Assert.Equal(Start, published.Version.PublishedAt);
        Assert.Equal(Start, created.CreatedAt);
        Assert.Equal(Start.AddMinutes(5), Assert.Single(await workspace.ListInstancesAsync()).CreatedAt);
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200);
        Assert.NotEmpty(timeline);
        Assert.All(timeline, r => Assert.Equal(Start.AddMinutes(10), r.Timestamp));
        var logs = await Instance(tally).GetLogsAsync(Ws(workspace));
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.Equal(Start.AddMinutes(10), l.Timestamp));
    }

    [Fact]
    public async Task An_undelivered_intent_is_retried_once_the_retry_period_passes_and_not_before()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        Faults.ExpectDurable();
        Faults.FailNextDeliveries(1);

        var response = await EventAsync(workspace, tally, "main", "add");

        Assert.Equal("pending", response.Dispatches[1].Outcome);
        Clock.Advance(RetryPeriod - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt()); // the period has not passed
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Faults.NextDurable.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the retry timer fired and delivered
        Assert.Equal(1, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());
    }
}
