using System.Text.RegularExpressions;
using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

public sealed class RunawayRenderTests(PlaygroundFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_runaway_render_shows_a_render_error_while_the_page_keeps_working() => InFreshWorkspaceAsync(async session =>
    {
        var tab = await session.OpenTabAsync();
        var counter = await tab.LoadPackageAsync("counter");
        await Expect(counter.Label("Counter:")).ToHaveTextAsync("Counter: 0");

        var runaway = await tab.PublishAndLoadThroughEditorAsync(CustomPlugins.RunawayRender(UniqueNames.Package("runaway")));

        var renderError = runaway.Widget("spin").GetByTestId("render-error");
        await Expect(renderError).ToHaveTextAsync(new Regex("^Render error: "));
        // Ended by a sandbox limit (plugin-contract.md): the time limit, or the per-call allocation limit the interpreter reaches first.
        await Expect(renderError).ToHaveAttributeAsync("data-code", new Regex("^(RUNTIME_TIMEOUT|LIMIT_EXCEEDED)$"));
        await Expect(runaway.Widget("calm")).ToContainTextAsync("Calm widget renders");

        await counter.Button("Increment").ClickAsync();
        await Expect(counter.Label("Counter:")).ToHaveTextAsync("Counter: 1");
        await counter.Button("Increment").ClickAsync();
        await Expect(counter.Label("Counter:")).ToHaveTextAsync("Counter: 2");
        await Expect(counter.Label("Shared total:")).ToHaveTextAsync("Shared total: 2");
        await Expect(renderError).ToHaveTextAsync(new Regex("^Render error: "));
    });
}
