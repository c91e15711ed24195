using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

/// <summary>
/// GET /metrics (issue 11, "Done when": /metrics shows OrleansVm's meters after a few events): Prometheus text behind
/// the operator token, with OrleansVm's instruments moved by the events just made, and Orleans', ASP.NET Core's and the
/// runtime's meters. SQLite storage, so the group-commit writer records its batches.
/// OrleansVm's instruments are process-wide (like Orleans' own), so the test compares before and after. It runs with no
/// other silo in the process, as in production: ASP.NET Core's and Orleans' meters are one per host with the same
/// name, and a MeterProvider that sees two of a name exports one of them.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(["--storage", "sqlite"]);

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_need_the_operator_token()
    {
        var scenario = new Scenario(Silo);
        var (_, client, _) = await scenario.WorkspaceWithClientAsync("metrics-auth");

        (await Silo.Client(null).GetAsync("metrics")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await Silo.Client("not-a-token").GetAsync("metrics")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await client.GetAsync("metrics")).Expect(HttpStatusCode.Forbidden, "FORBIDDEN");
        var ok = (await Silo.Client().GetAsync("metrics")).Expect(HttpStatusCode.OK);
        Assert.Equal("text/plain", ok.MediaType);
    }

    [Fact]
    public async Task A_few_events_show_in_OrleansVm_meters_next_to_Orleans_AspNetCore_and_runtime_meters()
    {
        var before = await ScrapeAsync();
        var scenario = new Scenario(Silo);

        // Three counted events whose shared intents reach counter-summary (outbox, domain, storage batches).
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync("metrics");
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        var counter = await scenario.CreateInstanceAsync(client, ws, "counter");
        for (var i = 0; i < 3; i++)
            (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{counter}/widgets/counter/events", new JsonObject { ["handler"] = "increment" })).Expect(HttpStatusCode.OK);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{counter}/widgets/counter")).Expect(HttpStatusCode.OK);

        // A denied intent: the counter may read the shared summary here, not write it.
        var (deniedWs, deniedClient, _) = await scenario.WorkspaceWithClientAsync("metrics-denied");
        await scenario.GrantAsync(deniedWs, "counter", read: ["counter-summary"]);
        var denied = await scenario.CreateInstanceAsync(deniedClient, deniedWs, "counter");
        var outcome = (await deniedClient.PostAsync($"api/v1/workspaces/{deniedWs}/instances/{denied}/widgets/counter/events", new JsonObject { ["handler"] = "increment" }))
            .Expect(HttpStatusCode.OK).Object;
        Assert.Contains(outcome["dispatches"]!.AsArray(), d => d!["outcome"]!.GetValue<string>() == "denied");

        // A limit hit: a render that never ends stops at the time limit.
        var runaway = "metrics-runaway-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(runaway, "1.0.0", Plugins.RunawayRender);
        await scenario.GrantAsync(ws, runaway);
        var spinner = await scenario.CreateInstanceAsync(client, ws, runaway);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances/{spinner}/widgets/main")).Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT");

        var after = await ScrapeAsync();
        AssertGrew(before, after, "orleansvm_events_total", 4);
        AssertGrew(before, after, "orleansvm_renders_total", 2);
        AssertGrew(before, after, "orleansvm_sandbox_duration_seconds_count", 6); // 4 events, 2 renders (plus plugin loads)
        AssertGrew(before, after, "orleansvm_sandbox_limit_hits_total", 1, "orleansvm_limit=\"time\"");
        AssertGrew(before, after, "orleansvm_dispatch_denials_total", 1, "orleansvm_decided_by=\"instance\"");
        AssertGrew(before, after, "orleansvm_outbox_depth_count", 3);
        AssertGrew(before, after, "orleansvm_storage_batch_size_count", 1);
        AssertGrew(before, after, "orleansvm_storage_commit_duration_seconds_count", 1);
        AssertGrew(before, after, "orleansvm_storage_write_duration_seconds_count", 3, "orleansvm_state=\"instance\"");
        // The journal's numbered slots are one family: one series, not one per slot (1,024 by default).
        AssertGrew(before, after, "orleansvm_storage_write_duration_seconds_count", 1, "orleansvm_state=\"domain-journal\"");
        Assert.DoesNotContain("orleansvm_state=\"domain-journal-", after.Text, StringComparison.Ordinal);
        Assert.True(after.Sum("orleansvm_sandbox_duration_seconds_sum") > 0, "sandbox time recorded");

        // The other meters: Orleans' own, ASP.NET Core's (this very request's route) and the .NET runtime's.
        var names = after.Names().ToList();
        Assert.Contains(names, n => n.StartsWith("orleans_", StringComparison.Ordinal) && after.Sum(n) > 0);
        Assert.True(after.Sum("http_server_request_duration_seconds_count") > 0, "ASP.NET Core's request duration");
        Assert.Contains(names, n => n.StartsWith("dotnet_", StringComparison.Ordinal) || n.StartsWith("process_runtime_dotnet_", StringComparison.Ordinal));
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        var response = (await Silo.Client().GetAsync("metrics")).Expect(HttpStatusCode.OK);
        return new PrometheusText(response.Text);
    }

    private static void AssertGrew(PrometheusText before, PrometheusText after, string metric, double atLeast, string? label = null)
    {
        var now = after.Sum(metric, label);
        Assert.True(now is not null, $"{metric}{{{label}}} is not in /metrics:\n{after.Text}");
        var grew = now!.Value - (before.Sum(metric, label) ?? 0);
        Assert.True(grew >= atLeast, $"{metric}{{{label}}} grew by {grew}, expected at least {atLeast}");
    }
}

/// <summary>Test classes that must be the only silo in the test process (run after the parallel ones).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "alone in the process";
}
