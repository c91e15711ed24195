using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>
/// One test's view of the playground: a fresh workspace (preset grants as in demo) and the tabs the test opened,
/// each in its own browser context. Disposing saves a screenshot of every tab (pass or fail) and closes them.
/// </summary>
public sealed class PlaygroundSession : IAsyncDisposable
{
    private static readonly BrowserNewContextOptions ContextOptions = new() { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } };
    private readonly PlaygroundFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _testName;
    private readonly List<(IBrowserContext Context, PlaygroundTab Tab)> _tabs = [];
    private readonly ConcurrentQueue<string> _browserMessages = new();

    private PlaygroundSession(PlaygroundFixture fixture, ITestOutputHelper output, string testName, string workspaceId)
    {
        _fixture = fixture;
        _output = output;
        _testName = testName;
        WorkspaceId = workspaceId;
    }

    public string WorkspaceId { get; }

    public SiloApi Api => _fixture.Api;

    public static async Task<PlaygroundSession> StartAsync(PlaygroundFixture fixture, ITestOutputHelper output, string testName)
    {
        var workspaceId = UniqueNames.Workspace(testName);
        await fixture.Api.CreateWorkspaceLikeDemoAsync(workspaceId);
        return new PlaygroundSession(fixture, output, testName, workspaceId);
    }

    /// <summary>A new tab in a new browser context (no shared storage with the other tabs) on this workspace.</summary>
    public async Task<PlaygroundTab> OpenTabAsync()
    {
        var context = await _fixture.Browser.NewContextAsync(ContextOptions);
        context.SetDefaultTimeout(30_000);
        var index = _tabs.Count + 1;
        context.Page += (_, page) =>
        {
            page.Console += (_, message) => { if (message.Type is "error" or "warning") _browserMessages.Enqueue($"tab {index} console.{message.Type}: {message.Text}"); };
            page.PageError += (_, error) => _browserMessages.Enqueue($"tab {index} page error: {error}");
        };
        try
        {
            var tab = await PlaygroundTab.OpenAsync(context, _fixture.Silo.BaseAddress, _fixture.Silo.OperatorToken, WorkspaceId);
            _tabs.Add((context, tab));
            return tab;
        }
        catch
        {
            await SaveScreenshotsAsync(context.Pages, $"{_testName}-tab{index}-opening");
            await context.CloseAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _tabs.Count; i++)
        {
            var suffix = i == 0 ? "" : $"-tab{i + 1}";
            await SaveScreenshotsAsync([_tabs[i].Tab.Page], _testName + suffix);
        }
        foreach (var message in _browserMessages) _output.WriteLine(message);
        foreach (var (context, _) in _tabs) await context.CloseAsync();
    }

    private async Task SaveScreenshotsAsync(IEnumerable<IPage> pages, string name)
    {
        foreach (var page in pages)
        {
            var path = Path.Combine(TestPaths.Screenshots, name + ".png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 15_000 });
                _output.WriteLine($"screenshot: {path}");
            }
            catch (PlaywrightException ex)
            {
                _output.WriteLine($"screenshot {path} failed: {ex.Message}");
            }
        }
    }
}

public static class UniqueNames
{
    /// <summary>A workspace id (<c>^[a-z0-9][a-z0-9-]{0,62}$</c>) from the test's name plus a random suffix.</summary>
    public static string Workspace(string testName) => Slug(testName, 40) + "-" + Suffix();

    /// <summary>A package id (<c>^[a-z][a-z0-9-]{0,63}$</c>); packages are cluster-wide, so each test run gets its own.</summary>
    public static string Package(string stem) => Slug(stem, 40) + "-" + Suffix();

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static string Slug(string text, int maxLength)
    {
        var chars = text.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > maxLength ? slug[..maxLength].TrimEnd('-') : slug;
        return slug.Length > 0 && slug[0] is >= 'a' and <= 'z' ? slug : "t" + slug;
    }
}
