using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

public sealed class InstanceRoutesTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private readonly Scenario _scenario = new(fixture.Silo);

    private async Task<(string Ws, ApiClient Client)> CounterWorkspaceAsync()
    {
        var (ws, client, _) = await _scenario.WorkspaceWithClientAsync();
        await _scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        return (ws, client);
    }

    [Fact]
    public async Task Create_returns_the_instance_with_its_effective_grants()
    {
        var (ws, client) = await CounterWorkspaceAsync();

        var created = (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "counter" }))
            .Expect(HttpStatusCode.Created).Object;

        Assert.StartsWith("counter@", created["instanceId"]!.GetValue<string>());
        Assert.Equal("counter", created["packageId"]!.GetValue<string>());
        Assert.Equal("1.0.0", created["version"]!.GetValue<string>());
        Assert.Equal("Counter", created["title"]!.GetValue<string>());
        Assert.Equal(["counter"], created["widgets"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(["counter-summary"], created["grants"]!["writeShared"]!.AsArray().Select(w => w!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_errors_have_their_codes()
    {
        var (ws, client) = await CounterWorkspaceAsync();

        (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "no-such-package" }))
            .Expect(HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "counter", ["version"] = "3.0.0" }))
            .Expect(HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
        var badPackage = (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "Counter!" }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("packageId", badPackage.ErrorField);
        var badVersion = (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = "counter", ["version"] = "latest" }))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("version", badVersion.ErrorField);
    }

    [Fact]
    public async Task List_get_render_event_logs_and_delete()
    {
        var (ws, client) = await CounterWorkspaceAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, "counter");
        var path = $"api/v1/workspaces/{ws}/instances/{instanceId}";

        var listed = Assert.Single((await client.GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.OK).Array)!;
        Assert.Equal(instanceId, listed["instanceId"]!.GetValue<string>());
        Assert.Equal("active", listed["status"]!.GetValue<string>());
        Assert.Equal(["counter-summary"], listed["grants"]!["readShared"]!.AsArray().Select(w => w!.GetValue<string>()));

        var one = (await client.GetAsync(path)).Expect(HttpStatusCode.OK).Object;
        Assert.Equal(0, one["state"]!["value"]!.GetValue<int>());
        Assert.Equal("active", one["status"]!.GetValue<string>());

        var tree = (await client.GetAsync($"{path}/widgets/counter")).Expect(HttpStatusCode.OK).Object["tree"]!;
        Assert.Contains("Counter: 0", tree.ToJsonString());

        var outcome = (await client.PostAsync($"{path}/widgets/counter/events", new JsonObject { ["handler"] = "increment" })).Expect(HttpStatusCode.OK).Object;
        Assert.Equal(1, outcome["state"]!["value"]!.GetValue<int>());
        var shared = outcome["dispatches"]!.AsArray().Single(d => d!["scope"]!.GetValue<string>() == "shared")!;
        Assert.Equal("counter-summary", shared["domain"]!.GetValue<string>());
        Assert.Equal("applied", shared["outcome"]!.GetValue<string>());

        Assert.Contains("Counter: 1", (await client.GetAsync($"{path}/widgets/counter")).Expect(HttpStatusCode.OK).Text);
        Assert.IsType<JsonArray>((await client.GetAsync($"{path}/logs")).Expect(HttpStatusCode.OK).Json);

        (await client.DeleteAsync(path)).Expect(HttpStatusCode.NoContent);
        (await client.GetAsync(path)).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        (await client.DeleteAsync(path)).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        Assert.Empty((await client.GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.OK).Array);
    }

    [Fact]
    public async Task Console_lines_show_in_the_logs()
    {
        var packageId = "echo-" + Guid.NewGuid().ToString("N")[..8];
        await _scenario.PublishAsync(packageId, "1.0.0", Plugins.Echo);
        var (ws, client, _) = await _scenario.WorkspaceWithClientAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, packageId);
        var path = $"api/v1/workspaces/{ws}/instances/{instanceId}";

        (await client.PostAsync($"{path}/widgets/main/events", new JsonObject { ["handler"] = "say", ["args"] = new JsonObject { ["text"] = "hi" } })).Expect(HttpStatusCode.OK);
        (await client.GetAsync($"{path}/widgets/main")).Expect(HttpStatusCode.OK);

        var logs = (await client.GetAsync($"{path}/logs")).Expect(HttpStatusCode.OK).Array;
        var line = logs.Last()!;
        Assert.Equal("render hi", line["message"]!.GetValue<string>());
        Assert.Equal("log", line["level"]!.GetValue<string>());
        Assert.NotNull(line["timestamp"]);
    }

    [Fact]
    public async Task Unknown_widget_and_handler_are_404()
    {
        var (ws, client) = await CounterWorkspaceAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, "counter");
        var path = $"api/v1/workspaces/{ws}/instances/{instanceId}";

        (await client.GetAsync($"{path}/widgets/nope")).Expect(HttpStatusCode.NotFound, "WIDGET_NOT_FOUND");
        (await client.PostAsync($"{path}/widgets/counter/events", new JsonObject { ["handler"] = "nope" })).Expect(HttpStatusCode.NotFound, "HANDLER_NOT_FOUND");
    }

    [Fact]
    public async Task Missing_or_malformed_instance_ids()
    {
        var (ws, client) = await CounterWorkspaceAsync();

        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/counter@AAAAAAAA")).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        var bad = (await client.GetAsync($"api/v1/workspaces/{ws}/instances/counter-AAAAAAAA")).Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("instanceId", bad.ErrorField);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/counter@short")).Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Another_workspaces_instance_is_404_through_every_route()
    {
        var (ws, client) = await CounterWorkspaceAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, "counter");
        var (otherWs, otherClient, _) = await _scenario.WorkspaceWithClientAsync("other");
        var path = $"api/v1/workspaces/{otherWs}/instances/{instanceId}";

        foreach (var caller in new[] { otherClient, _scenario.Operator })
        {
            (await caller.GetAsync(path)).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
            (await caller.GetAsync($"{path}/widgets/counter")).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
            (await caller.PostAsync($"{path}/widgets/counter/events", new JsonObject { ["handler"] = "increment" })).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
            (await caller.GetAsync($"{path}/logs")).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
            (await caller.DeleteAsync(path)).Expect(HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND");
        }

        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{instanceId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_plugin_without_a_write_grant_is_denied_and_the_timeline_shows_it()
    {
        var packageId = "writer-" + Guid.NewGuid().ToString("N")[..8];
        await _scenario.PublishAsync(packageId, "1.0.0", Plugins.SharedWriter, new JsonObject
        {
            ["capabilities"] = new JsonObject { ["readShared"] = new JsonArray(), ["writeShared"] = new JsonArray("counter-summary") },
        });
        var (ws, client, _) = await _scenario.WorkspaceWithClientAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, packageId);

        var outcome = (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instanceId}/widgets/main/events", new JsonObject { ["handler"] = "write" }))
            .Expect(HttpStatusCode.OK).Object;

        var dispatch = Assert.Single(outcome["dispatches"]!.AsArray())!;
        Assert.Equal("denied", dispatch["outcome"]!.GetValue<string>());
        Assert.Equal("missing-write-grant:counter-summary", dispatch["reason"]!.GetValue<string>());

        var timeline = (await client.GetAsync($"api/v1/workspaces/{ws}/timeline")).Expect(HttpStatusCode.OK).Array;
        var entry = Assert.Single(timeline)!;
        Assert.Equal("denied", entry["outcome"]!.GetValue<string>());
        Assert.Equal(instanceId, entry["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timeline_is_newest_first_and_honours_the_limit()
    {
        var (ws, client) = await CounterWorkspaceAsync();
        var instanceId = await _scenario.CreateInstanceAsync(client, ws, "counter");
        for (var i = 0; i < 3; i++)
            (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instanceId}/widgets/counter/events", new JsonObject { ["handler"] = "increment" })).Expect(HttpStatusCode.OK);

        var all = (await client.GetAsync($"api/v1/workspaces/{ws}/timeline")).Expect(HttpStatusCode.OK).Array;
        var two = (await client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit=2")).Expect(HttpStatusCode.OK).Array;

        Assert.Equal(6, all.Count); // per event: the local increment and the shared set-instance
        Assert.Equal(2, two.Count);
        Assert.Equal(all[0]!.ToJsonString(), two[0]!.ToJsonString());
        var times = all.Select(e => DateTimeOffset.Parse(e!["timestamp"]!.GetValue<string>())).ToList();
        Assert.Equal(times.OrderDescending(), times);

        foreach (var bad in new[] { "0", "201", "-1", "ten" })
            Assert.Equal("limit", (await client.GetAsync($"api/v1/workspaces/{ws}/timeline?limit={bad}")).Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR").ErrorField);
    }
}
