using System.Net;
using System.Text.Json.Nodes;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresStorageTests(PostgresServerFixture postgres)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("adonet")] // Orleans' own ADO.NET provider and reminders on the same schema
    public async Task Init_schema_on_an_empty_database_then_state_survives_a_restart(string storage)
    {
        var connectionString = await postgres.CreateDatabaseAsync(storage);
        string[] args = ["--storage", storage, "--connection-string", connectionString, "--init-schema"];
        var workspaceId = Scenario.NewWorkspaceId();

        await using (var first = await TestSilo.StartAsync(args))
        {
            (await first.Client().PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = workspaceId })).Expect(HttpStatusCode.Created);
        }

        await using var second = await TestSilo.StartAsync(args);
        var workspaces = (await second.Client().GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.OK).Array;
        Assert.Contains(workspaces, w => w!["workspaceId"]!.GetValue<string>() == workspaceId);
        Assert.Contains((await second.Client().GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK).Array, p => p!["packageId"]!.GetValue<string>() == "counter");
    }
}
