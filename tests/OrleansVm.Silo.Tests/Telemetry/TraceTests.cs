using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OpenTelemetry.Trace;

namespace OrleansVm.Silo.Tests;

/// <summary>One event is one trace: HTTP route → instance grain → sandbox → domain grain → storage (issue 11, item 4).</summary>
public sealed class TraceTests
{
    [Fact]
    public async Task One_event_is_one_trace_from_the_route_through_instance_sandbox_domain_and_storage()
    {
        var spans = new LockedCollection<Activity>();
        await using var silo = await TestSilo.StartAsync(
            ["--storage", "sqlite", "--OrleansVm:Telemetry:Traces=true"],
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        var scenario = new Scenario(silo);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync("trace");
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        var counter = await scenario.CreateInstanceAsync(client, ws, "counter");

        var eventPath = $"api/v1/workspaces/{ws}/instances/{counter}/widgets/counter/events";
        var outcome = (await client.PostAsync(eventPath, new JsonObject { ["handler"] = "increment" })).Expect(HttpStatusCode.OK).Object;
        Assert.Equal("applied", outcome["dispatches"]![0]!["outcome"]!.GetValue<string>());

        // The route's span ends just after the response is sent: wait for it, then for its trace's spans.
        Activity? route = null;
        string[] inTrace = [];
        string[] wanted = ["instance event", "sandbox", "domain apply", "storage write"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var all = spans.Snapshot();
            route = all.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("url.path") as string == "/" + eventPath);
            if (route is not null)
            {
                inTrace = [.. all.Where(a => a.TraceId == route.TraceId && a.Source.Name == "OrleansVm").Select(a => a.DisplayName)];
                if (wanted.All(inTrace.Contains)) break;
            }
            await Task.Delay(100);
        }

        Assert.True(route is not null, "no span of the event's HTTP route");
        Assert.StartsWith("POST ", route!.DisplayName); // named by the route template, e.g. POST /api/v1/workspaces/{ws}/...
        foreach (var name in wanted) Assert.Contains(name, inTrace);
        // Parent links, not only a shared trace id: route → instance → sandbox and storage; instance → domain → storage.
        var traced = spans.Snapshot().Where(a => a.TraceId == route.TraceId).ToList();
        var instance = traced.Single(a => a.DisplayName == "instance event");
        Assert.Equal(counter, instance.GetTagItem("orleansvm.instance"));
        Assert.True(IsUnder(instance, route, traced), "instance event is not under the route's span");
        Assert.Contains(traced, a => a.DisplayName == "sandbox" && a.ParentSpanId == instance.SpanId);
        var domain = traced.Single(a => a.DisplayName == "domain apply");
        Assert.True(IsUnder(domain, instance, traced), "domain apply is not under the instance's span");
        // Orleans' own storage span may sit between the grain's span and ours.
        Assert.Contains(traced, a => a.DisplayName == "storage write" && (string?)a.GetTagItem("orleansvm.state") == "instance" && IsUnder(a, instance, traced));
        Assert.Contains(traced, a => a.DisplayName == "storage write" && (string?)a.GetTagItem("orleansvm.state") == "domain" && IsUnder(a, domain, traced));
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var next = trace.FirstOrDefault(a => a.SpanId == parent);
            if (next is null) return false;
            parent = next.ParentSpanId;
        }
        return false;
    }
}
