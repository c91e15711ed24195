using System.Net;
using System.Net.Sockets;
using OrleansVm.Client.Models;
using OrleansVm.Silo.Tests;
using OrleansVm.TestSupport;

namespace OrleansVm.Client.Tests;

public sealed class StreamReconnectTests
{
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_subscription_survives_a_silo_restart_and_goes_on_with_new_events()
    {
        using var data = new TempDirectory("orleansvm-sdk-restart");
        var port = FreePort();
        string[] args = ["--port", port.ToString(), "--storage", "sqlite", "--stream-keep-alive-seconds", "1"];
        var options = new OrleansVmClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Token = TestSilo.OperatorToken, StreamReconnectDelay = TimeSpan.FromMilliseconds(100) };
        using var client = new OrleansVmClient(options);
        const string ws = "restart-ws";

        var events = new List<StreamEvent>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        // Each connection completes the signal current when it opens; a new one is set before waiting for the next.
        var opened = new TaskCompletionSource<StreamOpened>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = new StreamSubscribeOptions { OnOpened = o => Volatile.Read(ref opened).TrySetResult(o) };
        Task reader;
        await using (var first = await TestSilo.StartAsync(args, data.Path))
        {
            await client.CreateWorkspaceAsync(ws);
            await client.PutGrantsAsync(ws, "counter", new Grants(["counter-summary"], ["counter-summary"], []));
            reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var item in client.SubscribeAsync(ws, subscription, stop.Token))
                        lock (events) events.Add(item);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            });
            Assert.False((await opened.Task.WaitAsync(TimeSpan.FromSeconds(30))).Reconnect);
            await client.CreateInstanceAsync(ws, "counter");
            await WaitForAsync(events, e => e.Name == "instance.created", 1);
        }

        // The stream ended with the silo; the SDK retries until the silo is back on the same address.
        // Set after the first silo is gone, so only a connection to the second one completes it.
        Volatile.Write(ref opened, new TaskCompletionSource<StreamOpened>(TaskCreationOptions.RunContinuationsAsynchronously));
        await using var second = await TestSilo.StartAsync(args, data.Path);
        var reopened = await opened.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(reopened.Reconnect);
        Assert.NotNull(reopened.LastEventId);
        var later = await client.CreateInstanceAsync(ws, "counter");
        var created = await WaitForAsync(events, e => e.Name == "instance.created" && e.Data.GetProperty("instanceId").GetString() == later.InstanceId, 1);
        await stop.CancelAsync();
        await reader;

        Assert.Equal(later.InstanceId, created.Data.GetProperty("instanceId").GetString());
    }

    private static async Task<StreamEvent> WaitForAsync(List<StreamEvent> events, Func<StreamEvent, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (events)
            {
                var found = events.Where(match).ToList();
                if (found.Count >= count) return found[count - 1];
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The event did not arrive.");
    }
}
