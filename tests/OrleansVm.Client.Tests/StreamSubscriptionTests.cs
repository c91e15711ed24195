using System.Net;
using OrleansVm.Client.Models;

namespace OrleansVm.Client.Tests;

public sealed class StreamSubscriptionTests(ClientSiloFixture fixture) : IClassFixture<ClientSiloFixture>
{
    private async Task<(string Ws, OrleansVmClient Client)> WorkspaceAsync()
    {
        using var op = fixture.Client();
        var ws = ClientSiloFixture.NewId("sse");
        await op.CreateWorkspaceAsync(ws);
        await op.PutGrantsAsync(ws, "counter", new Grants(["counter-summary"], ["counter-summary"], []));
        return (ws, fixture.Client((await op.CreateTokenAsync(ws)).Token));
    }

    /// <summary>Reads the subscription in the background until cancelled; returns once its connection is open.</summary>
    private static async Task<(Task Reader, List<StreamEvent> Events, CancellationTokenSource Stop)> FollowAsync(OrleansVmClient client, string ws, string? lastEventId = null)
    {
        var events = new List<StreamEvent>();
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var opened = new TaskCompletionSource<StreamOpened>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new StreamSubscribeOptions { LastEventId = lastEventId, OnOpened = o => opened.TrySetResult(o) };
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in client.SubscribeAsync(ws, options, stop.Token))
                    lock (events) events.Add(item);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });
        // A reader that fails before opening (e.g. 404) must fail the test, not leave it waiting.
        if (await Task.WhenAny(opened.Task, reader).WaitAsync(TimeSpan.FromSeconds(30)) == reader)
        {
            await reader;
            throw new InvalidOperationException("The subscription ended before its connection opened.");
        }
        var info = await opened.Task;
        Assert.False(info.Reconnect);
        Assert.Equal(lastEventId, info.LastEventId);
        return (reader, events, stop);
    }

    private static async Task<StreamEvent> WaitForAsync(List<StreamEvent> events, Func<StreamEvent, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (events)
            {
                var found = events.FirstOrDefault(match);
                if (found is not null) return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The event did not arrive.");
    }

    [Fact]
    public async Task Subscription_delivers_events_with_ids()
    {
        var (ws, client) = await WorkspaceAsync();
        using var owned = client;
        // Opened: without Last-Event-ID the stream starts with new events, and what follows is new.
        var (reader, events, stop) = await FollowAsync(client, ws);

        var instance = await client.CreateInstanceAsync(ws, "counter");
        await client.SendEventAsync(ws, instance.InstanceId, "counter", "increment");

        var created = await WaitForAsync(events, e => e.Name == "instance.created");
        var state = await WaitForAsync(events, e => e.Name == "instance.state");
        await stop.CancelAsync();
        await reader;

        Assert.Equal(instance.InstanceId, created.Data.GetProperty("instanceId").GetString());
        Assert.Equal(1, state.Data.GetProperty("state").GetProperty("value").GetInt32());
        Assert.True(long.TryParse(created.Id, out _));
    }

    [Fact]
    public async Task Subscription_resumes_after_a_last_event_id()
    {
        var (ws, client) = await WorkspaceAsync();
        using var owned = client;
        var (reader, events, stop) = await FollowAsync(client, ws);
        await client.CreateInstanceAsync(ws, "counter");
        var first = await WaitForAsync(events, e => e.Name == "instance.created");
        await stop.CancelAsync();
        await reader;

        var missed = await client.CreateInstanceAsync(ws, "counter");
        var (resumedReader, resumed, resumedStop) = await FollowAsync(client, ws, first.Id);
        var replayed = await WaitForAsync(resumed, e => e.Name == "instance.created");
        await resumedStop.CancelAsync();
        await resumedReader;

        Assert.Equal(missed.InstanceId, replayed.Data.GetProperty("instanceId").GetString());
        Assert.DoesNotContain(resumed, e => e.Id == first.Id);
    }

    [Fact]
    public async Task Subscription_to_a_foreign_workspace_fails_with_a_typed_error()
    {
        var (_, client) = await WorkspaceAsync();
        var (otherWs, other) = await WorkspaceAsync();
        using var a = client;
        using var b = other;

        var error = await Assert.ThrowsAsync<OrleansVmApiException>(async () =>
        {
            await foreach (var _ in client.SubscribeAsync(otherWs)) { }
        });

        Assert.Equal((HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND"), (error.Status, error.Code));
    }
}
