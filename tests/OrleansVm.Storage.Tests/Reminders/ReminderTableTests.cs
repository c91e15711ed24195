using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.Tests.Reminders;

/// <summary>The project's SQLite reminder table (embedded default), opened directly on a file that also holds grain state.</summary>
public sealed class SqliteReminderTableConformanceTests : ReminderTableConformanceTests
{
    private readonly TempDirectory _directory = new("orleansvm-reminders");

    private string DatabasePath => _directory.Combine(SqliteGrainStorageOptions.DefaultFileName);

    protected override bool EtagsRestartAfterRemoval => false;

    protected override async Task<IReminderTable> OpenTableAsync() => await OpenAsync("service-a");

    private async Task<SqliteReminderTable> OpenAsync(string serviceId)
    {
        var table = new SqliteReminderTable(new SqliteReminderOptions { DatabasePath = DatabasePath }, serviceId, NullLogger<SqliteReminderTable>.Instance);
        await table.StartAsync(CancellationToken.None);
        return table;
    }

    public override async Task DisposeAsync()
    {
        await Table.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Reminders_survive_closing_and_reopening_the_file()
    {
        var grainId = NewGrainId();
        var etag = await UpsertAsync(Entry(grainId, "durable"));
        await Table.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var reopened = await OpenAsync("service-a");

        var row = await reopened.ReadRow(grainId, "durable");
        Assert.Equal(("durable", etag), (row!.ReminderName, row.ETag));
        Assert.True(await reopened.RemoveRow(grainId, "durable", etag));
    }

    [Fact]
    public async Task The_file_is_shared_with_grain_state_and_each_keeps_its_rows()
    {
        await using var store = new SqliteGrainStateStore(new SqliteGrainStorageOptions { DatabasePath = DatabasePath });
        var grainId = NewGrainId();

        await store.WriteAsync("state", grainId.ToString(), "{}"u8.ToArray(), 0);
        await UpsertAsync(Entry(grainId, "next-to-state"));

        Assert.NotNull(await store.ReadAsync("state", grainId.ToString()));
        Assert.NotNull(await Table.ReadRow(grainId, "next-to-state"));
    }

    [Fact]
    public async Task Another_service_id_sees_none_of_these_reminders()
    {
        var grainId = NewGrainId();
        await UpsertAsync(Entry(grainId, "mine"));

        var other = await OpenAsync("service-b");

        Assert.Null(await other.ReadRow(grainId, "mine"));
        Assert.DoesNotContain((await other.ReadRows(0, 0)).Reminders, row => row.GrainId == grainId);
    }

    [Fact]
    public async Task The_silo_builder_extension_registers_it_as_the_reminder_table()
    {
        var silo = new GrainStorageSiloFixture();
        try
        {
            var services = await silo.StartAsync(() => Task.FromResult<Action<ISiloBuilder>>(builder =>
                builder.UseOrleansVmSqliteReminderService(options => options.DatabasePath = silo.Directory.Combine("reminders.db"))));

            var table = services.GetRequiredService<IReminderTable>();

            Assert.IsType<SqliteReminderTable>(table);
            var grainId = NewGrainId();
            var etag = await table.UpsertRow(Entry(grainId, "through-the-silo"));
            Assert.Equal(etag, (await table.ReadRow(grainId, "through-the-silo"))!.ETag);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}

/// <summary>
/// Orleans' ADO.NET reminder table on PostgreSQL, in a silo that also runs Orleans' ADO.NET membership: both on
/// the schema of deploy/sql/postgres applied by OrleansVmPostgresSchema, so a silo that starts and joins proves
/// the clustering rows, and these tests prove the reminder rows.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class AdoNetPostgresReminderTableConformanceTests(PostgresServerFixture postgres, GrainStorageSiloFixture silo)
    : ReminderTableConformanceTests, IClassFixture<GrainStorageSiloFixture>
{
    protected override bool EtagsRestartAfterRemoval => true;

    protected override async Task<IReminderTable> OpenTableAsync()
    {
        var services = await silo.StartAsync(async () =>
        {
            var connectionString = await postgres.CreateDatabaseAsync("orleans_reminders_adonet");
            await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
            return builder => builder
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("conformance", "conformance"))
                .UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", connectionString))
                .UseOrleansVmPostgresReminderService(connectionString);
        }, localhostClustering: false);
        var table = services.GetRequiredService<IReminderTable>();
        Assert.Equal("AdoNetReminderTable", table.GetType().Name); // Orleans' own table, not a fallback
        return table;
    }

    [Fact]
    public async Task The_silo_registered_itself_as_active_in_the_membership_table()
    {
        var membership = silo.Services.GetRequiredService<IMembershipTable>();

        var table = await membership.ReadAllAsync();

        Assert.Contains(table.Members, member => member.Item1.Status == SiloStatus.Active);
    }
}
