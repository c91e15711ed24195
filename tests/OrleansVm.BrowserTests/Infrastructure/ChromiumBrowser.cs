using Microsoft.Playwright;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>Playwright (its node driver ships inside the NuGet package) driving Debian's Chromium; never downloads a browser.</summary>
public static class ChromiumBrowser
{
    public static readonly IReadOnlyList<string> LaunchArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Prerequisites.RequireChromium();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = LaunchArguments,
                Timeout = 120_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
