using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

/// <summary>The operator view: the Orleans Dashboard at /dashboard, opened once with the operator token (issue 11, item 5).</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class DashboardTests(PlaygroundFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_operator_opens_the_dashboard_with_the_token_once_and_sees_the_cluster()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            var dashboard = new Uri(fixture.Silo.BaseAddress, "dashboard/").ToString();
            var refused = await page.GotoAsync(dashboard);
            Assert.Equal(401, refused!.Status);

            // The page's first poll of the cluster's counters, answered because the session cookie came along.
            var counters = page.WaitForResponseAsync(r => r.Url.EndsWith("/dashboard/DashboardCounters", StringComparison.Ordinal) && r.Status == 200);
            var opened = await page.GotoAsync(new Uri(fixture.Silo.BaseAddress, "dashboard?token=" + Uri.EscapeDataString(fixture.Silo.OperatorToken)).ToString());
            Assert.Equal(200, opened!.Status);
            Assert.Equal(dashboard, page.Url); // the token left the address bar (and the history)
            await counters;
            await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
            await Expect(page.GetByText(new Regex("^active silos$", RegexOptions.IgnoreCase))).ToBeVisibleAsync();

            var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "orleansvm_dashboard");
            Assert.True(cookie.HttpOnly);
            Assert.Equal("", await page.EvaluateAsync<string>("document.cookie")); // no script on the page can read it
        }
        finally
        {
            var path = Path.Combine(TestPaths.Screenshots, nameof(The_operator_opens_the_dashboard_with_the_token_once_and_sees_the_cluster) + ".png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 15_000 });
                output.WriteLine($"screenshot: {path}");
            }
            catch (PlaywrightException ex)
            {
                output.WriteLine($"screenshot {path} failed: {ex.Message}");
            }
            await context.CloseAsync();
        }
    }
}
