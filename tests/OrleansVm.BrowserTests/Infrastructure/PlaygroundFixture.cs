using Microsoft.Playwright;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>One silo and one Chromium for all browser tests (started once, stopped at the end); each test uses its own workspace.</summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SiloApi? _api;

    public SiloProcess Silo => _silo ?? throw NotStarted();

    public IBrowser Browser => _browser ?? throw NotStarted();

    public SiloApi Api => _api ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        // Checked first so a machine without Chromium or without the built page fails at once with what to do.
        Prerequisites.RequireChromium();
        Prerequisites.RequireBuiltPlayground();
        StartFreshArtefacts();

        Assertions.SetDefaultExpectTimeout(30_000);
        try
        {
            _silo = await SiloProcess.StartAsync(SiloLimitsForTests.Generous, Path.Combine(TestPaths.Artefacts, "silo.log"));
            _api = new SiloApi(_silo.BaseAddress, _silo.OperatorToken);
            await _api.WaitUntilDemoWorkspaceIsSeededAsync();
            (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _api?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
    }

    /// <summary>Screenshots and the silo log of an earlier run would mislead: start from an empty TestResults/.</summary>
    private static void StartFreshArtefacts()
    {
        if (Directory.Exists(TestPaths.Screenshots)) Directory.Delete(TestPaths.Screenshots, recursive: true);
        Directory.CreateDirectory(TestPaths.Screenshots);
        File.Delete(Path.Combine(TestPaths.Artefacts, "silo.log"));
    }

    private static InvalidOperationException NotStarted() => new("The playground fixture has not started.");
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "playground";
}
