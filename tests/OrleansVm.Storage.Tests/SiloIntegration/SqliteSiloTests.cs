using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.SiloIntegration;

/// <summary>
/// The embedded default end to end: a silo with <c>AddOrleansVmSqliteGrainStorage</c> and
/// <c>UseOrleansVmSqliteReminderService</c> on one file, grains using <c>[PersistentState]</c> and reminders,
/// and the silo stopped and started again on the same file.
/// </summary>
public sealed class SqliteSiloTests : IDisposable
{
    private readonly TempDirectory _directory = new("orleansvm-silo-it");

    private string DatabasePath => _directory.Combine(SqliteGrainStorageOptions.DefaultFileName);

    public void Dispose() => _directory.Dispose();

    private async Task<GrainStorageSiloFixture> StartSiloAsync()
    {
        var silo = new GrainStorageSiloFixture();
        await silo.StartAsync(() => Task.FromResult<Action<ISiloBuilder>>(builder => builder
            .AddOrleansVmSqliteGrainStorage("state", options => options.DatabasePath = DatabasePath)
            .UseOrleansVmSqliteReminderService(options => options.DatabasePath = DatabasePath)
            .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1))));
        return silo;
    }

    [Fact]
    public async Task Grain_state_with_json_members_survives_a_silo_restart()
    {
        const string document = """{"a":[1,{"b":null}],"c":{"d":"é🙂"}}""";
        var first = await StartSiloAsync();
        try
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>("restart").SetAsync("one", document);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = await StartSiloAsync();
        try
        {
            var grain = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>("restart");
            Assert.Equal("one", await grain.GetNameAsync());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(document), JsonNode.Parse(await grain.GetDocumentJsonAsync())));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_etag_conflict_fails_the_write_drops_the_activation_and_the_next_call_reloads()
    {
        var key = $"conflict-{Guid.NewGuid():N}";
        var silo = await StartSiloAsync();
        try
        {
            var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>(key);
            await grain.SetAsync("mine", "{}");
            Assert.Equal(1, await grain.GetActivationNumberAsync());

            // Someone else (another silo, in a split brain) writes the same state behind this activation's back.
            await using (var other = new SqliteGrainStateStore(new SqliteGrainStorageOptions { DatabasePath = DatabasePath }))
            {
                var stored = await other.ReadAsync("probe", grain.GetGrainId().ToString());
                await other.WriteAsync("probe", grain.GetGrainId().ToString(),
                    """{"Name":"external","Document":{"by":"other"},"History":["mine","external"]}"""u8.ToArray(), stored!.Etag);
            }

            await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync("stale", "{}"));

            // Orleans dropped the activation: the next call activates it again and reads the other writer's state.
            Assert.Equal("external", await grain.GetNameAsync());
            Assert.Equal(2, await grain.GetActivationNumberAsync());
            await grain.SetAsync("mine again", "{}");
            Assert.Equal("mine again", await grain.GetNameAsync());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it_without_any_call()
    {
        var key = $"reminder-{Guid.NewGuid():N}";
        var first = await StartSiloAsync();
        try
        {
            // Due later than the stop below, so the tick awaited here can only come from the second silo.
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key)
                .ArmAsync(dueTime: TimeSpan.FromSeconds(3), period: TimeSpan.FromSeconds(2));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var tick = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ReminderProbeGrain.Ticks[key] = tick;
        var second = await StartSiloAsync();
        try
        {
            // Nothing calls the grain: only the reminder, read back from the SQLite file, can activate it.
            // A generous bound, not a timing assertion: the reminder service starts and reads its range first.
            Assert.Equal("outbox", await tick.Task.WaitAsync(TimeSpan.FromSeconds(90)));
            await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).DisarmAsync();
        }
        finally
        {
            ReminderProbeGrain.Ticks.TryRemove(key, out _);
            await second.DisposeAsync();
        }
    }
}
