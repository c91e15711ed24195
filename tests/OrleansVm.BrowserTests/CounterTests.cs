using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

public sealed class CounterTests(PlaygroundFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Two_counters_count_independently_and_the_shared_total_sums_them() => InFreshWorkspaceAsync(async session =>
    {
        var tab = await session.OpenTabAsync();
        var first = await tab.LoadPackageAsync("counter");
        var second = await tab.LoadPackageAsync("counter");
        await Expect(first.Label("Counter:")).ToHaveTextAsync("Counter: 0");
        await Expect(second.Label("Counter:")).ToHaveTextAsync("Counter: 0");

        await first.Button("Increment").ClickAsync();
        await Expect(first.Label("Counter:")).ToHaveTextAsync("Counter: 1");
        await first.Button("Increment").ClickAsync();
        await Expect(first.Label("Counter:")).ToHaveTextAsync("Counter: 2");
        await second.Button("Increment").ClickAsync();

        await Expect(second.Label("Counter:")).ToHaveTextAsync("Counter: 1");
        await Expect(first.Label("Counter:")).ToHaveTextAsync("Counter: 2");
        await Expect(first.Label("Shared total:")).ToHaveTextAsync("Shared total: 3");
        await Expect(second.Label("Shared total:")).ToHaveTextAsync("Shared total: 3");
        await Expect(first.Label("Instances:")).ToHaveTextAsync("Instances: 2");
    });
}
