using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Grains;

namespace OrleansVm.Silo.Tests;

public sealed class StreamTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private readonly FailingEventPolls _failingPolls = new();

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(
        ["--stream-keep-alive-seconds", "1"], configure: b => b.Services.AddSingleton<IOutgoingGrainCallFilter>(_failingPolls));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<(string Ws, ApiClient Client, string Token)> CounterWorkspaceAsync()
    {
        var scenario = new Scenario(_silo);
        var ws = Scenario.NewWorkspaceId();
        (await scenario.Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws })).Expect(HttpStatusCode.Created);
        var token = (await scenario.Operator.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object["token"]!.GetValue<string>();
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        return (ws, _silo.Client(token), token);
    }

    [Fact]
    public async Task Events_arrive_as_server_sent_events()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoCache);

        var instanceId = await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");
        var created = await stream.NextEventAsync("instance.created");
        Assert.Equal(instanceId, created.Data["instanceId"]!.GetValue<string>());
        Assert.True(long.TryParse(created.Id, out _), $"id '{created.Id}'");

        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{instanceId}/widgets/counter/events", new JsonObject { ["handler"] = "increment" }))
            .Expect(HttpStatusCode.OK);
        // One event gives instance.state, a dispatch per intent and domain.changed, in the grains' order.
        var seen = new Dictionary<string, SseEvent>();
        while (seen.Count < 3)
        {
            var next = await stream.NextEventAsync();
            // runtime-registry's domain.changed follows instance.created; the event's own is counter-summary's.
            if (next.Name is "domain.changed" && next.Data["domain"]!.GetValue<string>() != "counter-summary") continue;
            if (next.Name is "instance.state" or "dispatch" or "domain.changed") seen.TryAdd(next.Name, next);
        }
        Assert.Equal(1, seen["instance.state"].Data["state"]!["value"]!.GetValue<int>());
        Assert.Equal(instanceId, seen["dispatch"].Data["instanceId"]!.GetValue<string>());
        Assert.Equal("counter-summary", seen["domain.changed"].Data["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Last_event_id_resumes_after_the_given_event()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        string firstId;
        await using (var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token))
        {
            await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");
            firstId = (await stream.NextEventAsync("instance.created")).Id!;
        }

        // While nobody listens: one more instance.
        var second = await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");

        await using var resumed = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token, lastEventId: firstId);
        var missed = await resumed.NextEventAsync();
        Assert.True(long.Parse(missed.Id!) > long.Parse(firstId));
        var created = missed.Name == "instance.created" ? missed : await resumed.NextEventAsync("instance.created");
        Assert.Equal(second, created.Data["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_last_event_id_only_new_events_are_sent()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");

        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);
        var later = await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");

        var first = await stream.NextEventAsync();
        Assert.Equal("instance.created", first.Name);
        Assert.Equal(later, first.Data["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_idle_stream_gets_keep_alive_comments()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var comments = new List<string>();
        while (!comments.Contains("keep-alive"))
            comments.AddRange((await stream.NextBlockAsync(timeout.Token))!.Comments);

        Assert.Contains("keep-alive", comments);
    }

    [Fact]
    public async Task Stream_auth_errors_are_json_before_any_event()
    {
        var (ws, _, _) = await CounterWorkspaceAsync();
        var (otherWs, otherClient, otherToken) = await CounterWorkspaceAsync();

        await using var foreign = await SseConnection.OpenAsync(otherClient.Http, $"api/v1/workspaces/{ws}/stream", otherToken);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Response.StatusCode);
        Assert.Equal("application/json", foreign.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WORKSPACE_NOT_FOUND", await foreign.ReadToEndAsync());

        await using var anonymous = await SseConnection.OpenAsync(otherClient.Http, $"api/v1/workspaces/{otherWs}/stream", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Response.StatusCode);
    }

    [Fact]
    public async Task Stopping_the_silo_ends_open_streams_cleanly()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var stopping = _silo.App.StopAsync(timeout.Token);
        var blocks = 0;
        while (await stream.NextBlockAsync(timeout.Token) is not null) blocks++; // ends with EOF, not an exception

        await stopping;
        Assert.False(timeout.IsCancellationRequested, $"the stream did not end ({blocks} blocks)");
    }

    [Fact]
    public async Task The_stream_survives_polls_failing_while_the_events_grain_moves()
    {
        var (ws, client, token) = await CounterWorkspaceAsync();
        await using var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Contains("connected", (await stream.NextBlockAsync(timeout.Token))!.Comments);

        // What a poll sees when the events grain's silo is killed: several failures in a row, then the grain is back.
        var failed = _failingPolls.Fail(ws, times: 3);
        await failed.WaitAsync(timeout.Token);
        var instanceId = await new Scenario(_silo).CreateInstanceAsync(client, ws, "counter");

        var created = await stream.NextEventAsync("instance.created", TimeSpan.FromSeconds(60));
        Assert.Equal(instanceId, created.Data["instanceId"]!.GetValue<string>());
    }

    /// <summary>
    /// Test-only fault injection: makes the next polls of one workspace's events grain fail as they do while its
    /// silo is dead (before the call is sent, so the grain itself is untouched).
    /// </summary>
    private sealed class FailingEventPolls : IOutgoingGrainCallFilter
    {
        private readonly Lock _lock = new();
        private string? _workspace;
        private int _remaining;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Arms the filter; the task completes once the last of the failures was thrown.</summary>
        public Task Fail(string workspace, int times)
        {
            lock (_lock)
            {
                _workspace = workspace;
                _remaining = times;
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _done.Task;
            }
        }

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod.DeclaringType == typeof(IWorkspaceEventsGrain)
                && context.MethodName == nameof(IWorkspaceEventsGrain.ReadAsync)
                && context.TargetId.Key.ToString() == _workspace)
            {
                lock (_lock)
                {
                    if (_remaining > 0)
                    {
                        if (--_remaining == 0) _done.TrySetResult();
                        throw new SiloUnavailableException("Test: the events grain's silo is unavailable.");
                    }
                }
            }
            return context.Invoke();
        }
    }
}
