using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>What survives a silo that crashes or restarts: pending intents (reminders), the console, the registry.</summary>
public abstract partial class GrainScenarios
{
    private async Task<ReminderEntry?> OutboxReminderAsync(string instanceId) =>
        await SiloServices.GetRequiredService<IReminderTable>()
            .ReadRow(GrainId.Create(GrainTypes.PluginInstance, instanceId), PluginInstanceGrain.OutboxReminder);

    [Fact]
    public async Task A_silo_crash_with_a_pending_outbox_is_delivered_once_after_restart_with_no_client_call()
    {
        var (workspace, tally) = await TallySetupAsync();
        Storage.CrashAfterNextWriteOf("instance");
        await FailsWithAsync<SimulatedStorageFault>(() => EventAsync(workspace, tally, "main", "add"));
        Assert.NotNull(await OutboxReminderAsync(tally)); // registered before the intent became durable
        Assert.Equal(0, await TotalAsync(workspace));

        await CrashAndRestartSiloAsync();

        // Nothing calls the instance: only its reminder can activate it and deliver.
        await OrleansVmTesting.EventuallyAsync(async () => await TotalAsync(workspace) == 1, "the pending intent reaches the domain");
        await OrleansVmTesting.EventuallyAsync(async () => await OutboxReminderAsync(tally) is null, "the reminder goes once the outbox is empty");
        Assert.Equal(1, await TotalAsync(workspace));
        Assert.Equal(1, (await DomainStateAsync(workspace, "tally"))!["adds"].AsInt());
    }

    [Fact]
    public async Task An_instance_whose_outbox_drained_keeps_no_reminder()
    {
        var (workspace, tally) = await TallySetupAsync();

        await EventAsync(workspace, tally, "main", "add");

        Assert.Equal(1, await TotalAsync(workspace));
        await OrleansVmTesting.EventuallyAsync(async () => await OutboxReminderAsync(tally) is null, "the reminder of a delivered outbox goes");
        await Instance(tally).GetAsync(Ws(workspace));
        Assert.Equal(1, await TotalAsync(workspace));
    }

    [Fact]
    public async Task The_console_survives_a_silo_restart_bounded()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        for (var i = 0; i < 101; i++) await EventAsync(workspace, tally, "main", "log", new JsonObject { ["n"] = i });

        await RestartSiloAsync();

        var logs = await Instance(tally).GetLogsAsync(Ws(workspace));
        Assert.Equal(200, logs.Count);
        Assert.Equal("line 1", logs[0].Message);
        Assert.Equal("warned", logs[^1].Message);
    }

    [Fact]
    public async Task The_registry_spans_pages_and_survives_restart_and_removal()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var created = new List<string>();
        for (var i = 0; i < 600; i++) created.Add((await workspace.CreateInstanceAsync("tally", null)).InstanceId); // 3 pages of 256
        await workspace.RemoveInstanceAsync(created[300]);

        await RestartSiloAsync();

        var listed = (await workspace.ListInstancesAsync()).Select(i => i.InstanceId).ToList();
        created.RemoveAt(300);
        Assert.Equal(created.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.NotNull(await workspace.FindInstanceAsync(created[599 - 1]));
        Assert.Null(await workspace.FindInstanceAsync(created[0] + "x"));
        var next = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        Assert.Equal(600, (await workspace.ListInstancesAsync()).Count);
        Assert.Contains("Clicks: 0", await RenderTextsAsync(workspace, next, "main"));
    }
}
