using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansVm.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests;

/// <summary>The operator view: the Orleans Dashboard at /dashboard, opened with the operator token typed once (issue 11, item 5).</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class DashboardTests(PlaygroundFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_operator_types_the_token_once_and_sees_the_cluster_on_the_dashboard()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            var dashboard = new Uri(fixture.Silo.BaseAddress, "dashboard/").ToString();
            var refused = await page.GotoAsync(dashboard);
            Assert.Equal(401, refused!.Status); // the login page: the dashboard is the operator's
            await page.GetByLabel("Operator token").FillAsync("not-the-token");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open the dashboard" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not the operator token.");

            // The page's first poll of the cluster's counters, answered because the session cookie came along.
            var counters = page.WaitForResponseAsync(r => r.Url.EndsWith("/dashboard/DashboardCounters", StringComparison.Ordinal) && r.Status == 200);
            await page.GetByLabel("Operator token").FillAsync(fixture.Silo.OperatorToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "Open the dashboard" }).ClickAsync();
            await page.WaitForURLAsync(dashboard);
            await counters;
            await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
            await Expect(page.GetByText(new Regex("^active silos$", RegexOptions.IgnoreCase))).ToBeVisibleAsync();

            var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "orleansvm_dashboard");
            Assert.True(cookie.HttpOnly);
            Assert.Equal("", await page.EvaluateAsync<string>("document.cookie")); // no script on the page can read it
        }
        finally
        {
            var path = Path.Combine(TestPaths.Screenshots, nameof(The_operator_types_the_token_once_and_sees_the_cluster_on_the_dashboard) + ".png");
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
