using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.SiloIntegration;

/// <summary>
/// The cluster configuration end to end on one silo: schema by <c>OrleansVmPostgresSchema.EnsureAsync</c>
/// (<c>--init-schema</c>), Orleans' ADO.NET membership, <c>AddOrleansVmPostgresGrainStorage</c> and
/// <c>UseOrleansVmPostgresReminderService</c>, the silo stopped and started again on the same database.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresSiloTests(PostgresServerFixture postgres)
{
    private static async Task<GrainStorageSiloFixture> StartSiloAsync(string connectionString)
    {
        var silo = new GrainStorageSiloFixture();
        await silo.StartAsync(() => Task.FromResult<Action<ISiloBuilder>>(builder => builder
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("it-cluster", "it-service"))
            .UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", connectionString))
            .AddOrleansVmPostgresGrainStorage("state", options => options.ConnectionString = connectionString)
            .UseOrleansVmPostgresReminderService(connectionString)
            .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1))), localhostClustering: false);
        return silo;
    }

    [Fact]
    public async Task State_and_a_reminder_survive_a_silo_restart()
    {
        var connectionString = await postgres.CreateDatabaseAsync("silo_it");
        await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
        var key = $"pg-{Guid.NewGuid():N}";

        var first = await StartSiloAsync(connectionString);
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IStateProbeGrain>(key).SetAsync("persisted", """{"n":1}""");
            await grains.GetGrain<IReminderProbeGrain>(key).ArmAsync(dueTime: TimeSpan.FromSeconds(3), period: TimeSpan.FromSeconds(2));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var tick = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ReminderProbeGrain.Ticks[key] = tick;
        var second = await StartSiloAsync(connectionString);
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal("outbox", await tick.Task.WaitAsync(TimeSpan.FromSeconds(90))); // bounded wait, not a timing assertion
            Assert.Equal("persisted", await grains.GetGrain<IStateProbeGrain>(key).GetNameAsync());
            await grains.GetGrain<IReminderProbeGrain>(key).DisarmAsync();
        }
        finally
        {
            ReminderProbeGrain.Ticks.TryRemove(key, out _);
            await second.DisposeAsync();
        }
    }
}
