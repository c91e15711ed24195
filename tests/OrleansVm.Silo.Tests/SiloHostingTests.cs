using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

/// <summary>The Orleans silo co-hosted with the API: endpoints, membership, stop and restart.</summary>
public sealed class SiloHostingTests
{
    [Fact]
    public async Task Silos_started_together_in_one_process_each_get_their_own_endpoints_and_membership()
    {
        var silos = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestSilo.StartAsync()));
        try
        {
            var endpoints = silos.Select(s => s.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint).ToList();
            Assert.Equal(endpoints.Count, endpoints.Distinct().Count());

            foreach (var silo in silos)
            {
                using var anonymous = silo.Client(token: null);
                var health = (await anonymous.GetAsync("api/v1/health")).Expect(HttpStatusCode.OK).Object;
                var listed = Assert.Single(health["silos"]!.AsArray())!;
                Assert.Equal(health["siloId"]!.GetValue<string>(), listed["siloId"]!.GetValue<string>());
            }
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_silo_id_flag_names_the_orleans_silo()
    {
        await using var silo = await TestSilo.StartAsync(["--silo-id", "silo-under-test"]);

        var health = (await silo.Client(token: null).GetAsync("api/v1/health")).Expect(HttpStatusCode.OK).Object;

        Assert.Equal("silo-under-test", health["siloId"]!.GetValue<string>());
        Assert.Equal("silo-under-test", silo.Services.GetRequiredService<ILocalSiloDetails>().Name);
    }

    [Fact]
    public async Task A_stop_with_many_active_instances_saves_them_and_a_restart_serves_them()
    {
        const int instances = 50;
        using var data = new TempDirectory("orleansvm-silo-stop");
        string[] args = ["--storage", "sqlite"];
        string ws;
        List<string> ids;

        await using (var first = await TestSilo.StartAsync(args, data.Path))
        {
            var scenario = new Scenario(first);
            (ws, var client, _) = await scenario.WorkspaceWithClientAsync();
            await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
            ids = [];
            for (var i = 0; i < instances; i++)
            {
                var id = await scenario.CreateInstanceAsync(client, ws, "counter");
                (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{id}/widgets/counter/events", new JsonObject { ["handler"] = "increment" }))
                    .Expect(HttpStatusCode.OK);
                ids.Add(id);
            }
        } // StopAsync: every instance deactivates while the silo stops

        await using var second = await TestSilo.StartAsync(args, data.Path);
        using var op = second.Client();
        foreach (var id in ids)
        {
            var instance = (await op.GetAsync($"api/v1/workspaces/{ws}/instances/{id}")).Expect(HttpStatusCode.OK).Object;
            Assert.Equal(1, instance["state"]!["value"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_request_running_when_the_stop_begins_finishes()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var silo = await TestSilo.StartAsync(beforeStart: app => app.MapGet("/test/slow", async () =>
        {
            started.SetResult();
            await release.Task;
            return Results.Text("done");
        }));
        using var client = silo.Client();

        var request = client.GetAsync("test/slow");
        await started.Task;
        // The request answers only once the stop has begun: the stop must wait for it, not cut it off.
        silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => release.SetResult());
        var stopping = silo.DisposeAsync().AsTask();

        var response = await request;
        await stopping;
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("done", response.Text);
    }

    [Fact]
    public async Task An_idle_stream_outlives_a_grain_call_timeout_shorter_than_its_keep_alive()
    {
        await using var silo = await TestSilo.StartAsync(["--grain-call-timeout-ms", "1000", "--stream-keep-alive-seconds", "30"]);
        var scenario = new Scenario(silo);
        var ws = Scenario.NewWorkspaceId();
        (await scenario.Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws })).Expect(HttpStatusCode.Created);
        var token = (await scenario.Operator.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object["token"]!.GetValue<string>();
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        using var client = silo.Client(token);
        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // several long polls, each longer than the call timeout if unclamped
        var instanceId = await scenario.CreateInstanceAsync(client, ws, "counter");

        var created = await stream.NextEventAsync("instance.created");
        Assert.Equal(instanceId, created.Data["instanceId"]!.GetValue<string>());
    }
}
