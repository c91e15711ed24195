using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

public sealed class LiveUpdateTests(PlaygroundFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string NoReloadMarker = "window.__orleansvmBrowserTestNoReload";

    [Fact]
    public Task A_second_tab_sees_new_instances_and_changes_live_without_reload() => InFreshWorkspaceAsync(async session =>
    {
        var first = await session.OpenTabAsync();
        var second = await session.OpenTabAsync();
        await second.Page.EvaluateAsync($"() => {{ {NoReloadMarker} = true; }}");

        var loadedInFirst = await first.LoadPackageAsync("counter");
        var seenInSecond = second.Card(loadedInFirst.InstanceId);
        await Expect(seenInSecond.Label("Counter:")).ToHaveTextAsync("Counter: 0");

        await loadedInFirst.Button("Increment").ClickAsync();
        await Expect(loadedInFirst.Label("Counter:")).ToHaveTextAsync("Counter: 1");
        await Expect(seenInSecond.Label("Counter:")).ToHaveTextAsync("Counter: 1");
        await Expect(seenInSecond.Label("Shared total:")).ToHaveTextAsync("Shared total: 1");

        await seenInSecond.Button("Increment").ClickAsync();
        await Expect(loadedInFirst.Label("Counter:")).ToHaveTextAsync("Counter: 2");
        await Expect(loadedInFirst.Label("Shared total:")).ToHaveTextAsync("Shared total: 2");

        var greeter = await first.LoadPackageAsync("greeter");
        await greeter.Input("Your name").PressSequentiallyAsync("Ada", new() { Delay = 80 });
        await Expect(second.Card(greeter.InstanceId).Label("Hello,")).ToHaveTextAsync("Hello, Ada!");

        Assert.True(await second.Page.EvaluateAsync<bool>($"() => {NoReloadMarker} === true"), "the second tab was reloaded");
        await Expect(second.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");
    });
}
