using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

public sealed class GreeterTests(PlaygroundFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Typing_a_name_greets_it_and_shares_it_with_greeter_shared_state() => InFreshWorkspaceAsync(async session =>
    {
        var tab = await session.OpenTabAsync();
        var greeter = await tab.LoadPackageAsync("greeter");
        var sharedGreeting = await tab.LoadPackageAsync("greeter-shared-state");
        await Expect(greeter.Label("Enter your name")).ToHaveTextAsync("Enter your name...");
        await Expect(sharedGreeting.Label("Shared greeting:")).ToHaveTextAsync("Shared greeting: (empty)");

        var input = greeter.Input("Your name");
        await input.ClickAsync();
        await input.PressSequentiallyAsync("Ada", new() { Delay = 80 });

        await Expect(greeter.Label("Hello,")).ToHaveTextAsync("Hello, Ada!");
        await Expect(sharedGreeting.Label("Shared greeting:")).ToHaveTextAsync("Shared greeting: Hello, Ada!");
        await Expect(input).ToHaveValueAsync("Ada");
        await Expect(input).ToBeFocusedAsync();
    });
}
