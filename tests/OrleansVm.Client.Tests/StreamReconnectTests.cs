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
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task reader;
        await using (var first = await TestSilo.StartAsync(args, data.Path))
        {
            await client.CreateWorkspaceAsync(ws);
            await client.PutGrantsAsync(ws, "counter", new Grants(["counter-summary"], ["counter-summary"], []));
            reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var item in client.SubscribeAsync(ws, ct: stop.Token))
                        lock (events) events.Add(item);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            });
            await Task.Delay(300);
            await client.CreateInstanceAsync(ws, "counter");
            await WaitForAsync(events, e => e.Name == "instance.created", 1);
        }

        // The stream ended with the silo; the SDK retries until the silo is back on the same address.
        await using var second = await TestSilo.StartAsync(args, data.Path);
        await Task.Delay(1500);
        var later = await client.CreateInstanceAsync(ws, "counter");
        var created = await WaitForAsync(events, e => e.Name == "instance.created" && e.Data.GetProperty("instanceId").GetString() == later.InstanceId, 1);
        await stop.CancelAsync();
        await reader;

        Assert.Equal(later.InstanceId, created.Data.GetProperty("instanceId").GetString());
    }

    private static async Task<StreamEvent> WaitForAsync(List<StreamEvent> events, Func<StreamEvent, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
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
