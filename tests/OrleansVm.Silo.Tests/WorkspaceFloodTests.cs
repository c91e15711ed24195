using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Grains;

namespace OrleansVm.Silo.Tests;

/// <summary>
/// Issue 12 item 2 over HTTP: one workspace flooding runaway renders gets 429 OVERLOADED past its queue,
/// while another workspace's calls still succeed.
/// </summary>
public sealed class WorkspaceFloodTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_workspace_flooding_runaway_renders_gets_429_while_another_workspace_is_served()
    {
        var scenario = new Scenario(fixture.Silo);
        var packageId = "runaway-" + Guid.NewGuid().ToString("N")[..8];
        await scenario.PublishAsync(packageId, "1.0.0", Plugins.RunawayRender);
        var (flood, floodClient, _) = await scenario.WorkspaceWithClientAsync("flood");
        var (quiet, quietClient, _) = await scenario.WorkspaceWithClientAsync("quiet");
        await scenario.GrantAsync(quiet, "calculator");
        var calculator = await scenario.CreateInstanceAsync(quietClient, quiet, "calculator");

        // One runaway render first: the gate now knows this workspace's calls take ≥ 100 ms, so its queue
        // holds at most MaxQueueWait (2 s) of them, ~20. 150 more than its share (issue 12 used 200) arrive
        // faster than ~10/s drain even on a loaded box: some must be refused at once.
        var gate = fixture.Silo.Services.GetRequiredService<SandboxGate>();
        var count = gate.SharePerWorkspace + 150;
        Assert.True(count - gate.SharePerWorkspace > gate.MaxQueueWait / SandboxLimitsOfTheSilo.RenderTimeout);
        var instances = new List<string>();
        for (var i = 0; i < count; i++) instances.Add(await scenario.CreateInstanceAsync(floodClient, flood, packageId));
        (await floodClient.GetAsync($"api/v1/workspaces/{flood}/instances/{instances[0]}/widgets/main")).Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT");

        var renders = instances.Select(id => floodClient.GetAsync($"api/v1/workspaces/{flood}/instances/{id}/widgets/main")).ToArray();
        await WaitUntilAsync(() => gate.QueuedFor(flood) > 0);
        var other = await quietClient.GetAsync($"api/v1/workspaces/{quiet}/instances/{calculator}/widgets/display");
        var outcomes = await Task.WhenAll(renders);

        other.Expect(HttpStatusCode.OK);
        var overloaded = outcomes.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(overloaded);
        Assert.All(overloaded, r =>
        {
            r.Expect(HttpStatusCode.TooManyRequests, ErrorCodes.Overloaded);
            Assert.Equal(SandboxGate.RetryAfterSeconds, r.Object["error"]!["details"]!["retryAfterSeconds"]!.GetValue<int>());
        });
        // Every other render ran and was stopped by its time limit: nothing else, no 500, no silent wait.
        Assert.All(outcomes.Except(overloaded), r => r.Expect((HttpStatusCode)422, "RUNTIME_TIMEOUT"));
        Assert.Equal(0, gate.RunningFor(flood));
    }

    private static OrleansVm.Sandbox.SandboxLimits SandboxLimitsOfTheSilo => OrleansVm.Sandbox.SandboxLimits.Default;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "condition not reached within 30 s");
    }
}
