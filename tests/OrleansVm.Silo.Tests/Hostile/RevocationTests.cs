using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>Issue 12 item 5: revoking a client token ends its open event streams at once.</summary>
public sealed class RevocationTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task An_open_stream_ends_soon_after_its_token_is_revoked_and_delivers_nothing_after()
    {
        var scenario = new Scenario(fixture.Silo);
        var ws = Scenario.NewWorkspaceId("revoke");
        (await scenario.Operator.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws })).Expect(HttpStatusCode.Created);
        var created = (await scenario.Operator.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object;
        var token = created["token"]!.GetValue<string>();
        var other = (await scenario.Operator.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object["token"]!.GetValue<string>();
        var client = fixture.Silo.Client(token);

        await using var revoked = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token);
        await using var kept = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", other);
        Assert.Equal(HttpStatusCode.OK, revoked.Response.StatusCode);

        var clock = Stopwatch.StartNew();
        (await scenario.Operator.DeleteAsync($"api/v1/workspaces/{ws}/tokens/{created["tokenId"]!.GetValue<string>()}")).Expect(HttpStatusCode.NoContent);

        // Generous bound for a shared 2-core box; the design aims at one poll period (0.5 s) plus one grain call.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var afterRevocation = new List<SseBlock>();
        while (await revoked.NextBlockAsync(timeout.Token) is { } block) afterRevocation.Add(block);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the stream ended after {clock.Elapsed}");
        output.WriteLine($"revoked stream ended {clock.Elapsed.TotalMilliseconds:F0} ms after the revocation call began");
        Assert.DoesNotContain(afterRevocation, b => b.Event is not null);

        // The other token's stream is untouched and still delivers.
        await scenario.GrantAsync(ws, "calculator");
        await scenario.CreateInstanceAsync(fixture.Silo.Client(other), ws, "calculator");
        var next = await kept.NextEventAsync("instance.created", TimeSpan.FromSeconds(30));
        Assert.Equal("calculator", next.Data["packageId"]!.GetValue<string>());
    }
}
