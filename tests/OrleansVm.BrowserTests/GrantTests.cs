using System.Text.RegularExpressions;
using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

public sealed class GrantTests(PlaygroundFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_custom_plugin_without_write_grant_cannot_change_the_shared_counter() => InFreshWorkspaceAsync(async session =>
    {
        var tab = await session.OpenTabAsync();
        var counter = await tab.LoadPackageAsync("counter");
        var dashboard = await tab.LoadPackageAsync("status-dashboard");
        await counter.Button("Increment").ClickAsync();
        // The dashboard follows an allowed write, so an unchanged value below means the denied write changed nothing.
        await Expect(dashboard.Label("Shared Counter:")).ToHaveTextAsync("Shared Counter: 1");

        var writer = await tab.PublishAndLoadThroughEditorAsync(CustomPlugins.SharedCounterWriter(UniqueNames.Package("writer")));
        await Expect(writer.Label("Writer ready")).ToBeVisibleAsync();
        var stateBefore = await session.Api.GetDomainStateJsonAsync(session.WorkspaceId, "counter-summary");

        await writer.Button("Write shared counter").ClickAsync();

        var denied = tab.TimelineEntries.Filter(new() { Has = tab.Page.GetByTestId("outcome-denied") });
        await Expect(denied.Filter(new() { HasTextString = writer.InstanceId })).ToHaveCountAsync(1);
        await Expect(denied.First).ToHaveAttributeAsync("data-outcome", "denied");
        await Expect(writer.DispatchNotice).ToContainTextAsync(new Regex("missing-write-grant:counter-summary"));
        await Expect(dashboard.Label("Shared Counter:")).ToHaveTextAsync("Shared Counter: 1");
        await Expect(counter.Label("Shared total:")).ToHaveTextAsync("Shared total: 1");
        Assert.Equal(stateBefore, await session.Api.GetDomainStateJsonAsync(session.WorkspaceId, "counter-summary"));
    });
}
