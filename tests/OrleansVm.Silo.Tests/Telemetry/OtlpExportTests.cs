using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Tests;

/// <summary>OTLP is off unless configured; configured, the silo pushes its traces to the collector (gRPC, the default protocol).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public void An_OTLP_endpoint_that_is_not_a_URL_refuses_to_start()
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloApp.Build(["--port", "0", "--storage", "memory", "--OrleansVm:OperatorToken=t", "--OrleansVm:Telemetry:OtlpEndpoint=collector"]));
        Assert.Contains("OtlpEndpoint", error.Message);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_spans_of_a_request_reach_the_collector()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var silo = await TestSilo.StartAsync(["--OrleansVm:Telemetry:OtlpEndpoint=" + collector.Address]);
        var scenario = new Scenario(silo);
        var (ws, client, _) = await scenario.WorkspaceWithClientAsync("otlp");
        await scenario.GrantAsync(ws, "counter", read: ["counter-summary"], write: ["counter-summary"]);
        var counter = await scenario.CreateInstanceAsync(client, ws, "counter");
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{counter}/widgets/counter/events", new JsonObject { ["handler"] = "increment" }))
            .Expect(HttpStatusCode.OK);

        // The batch span processor exports every few seconds: wait for the collector to be called, not for a fixed time.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!collector.Paths.Contains(FakeCollector.TraceExport) && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Contains(FakeCollector.TraceExport, collector.Paths);
    }

    /// <summary>An HTTP/2 (h2c) endpoint that records which OTLP gRPC methods were called and answers each with an empty OK.</summary>
    private sealed class FakeCollector(WebApplication app) : IAsyncDisposable
    {
        public const string TraceExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

        public ConcurrentBag<string> Paths { get; } = [];

        public string Address { get; private set; } = "";

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.Run(async context =>
            {
                collector.Paths.Add(context.Request.Path);
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", "0");
                await context.Response.Body.WriteAsync(new byte[5]); // one gRPC frame: not compressed, empty message
            });
            await app.StartAsync();
            collector.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
