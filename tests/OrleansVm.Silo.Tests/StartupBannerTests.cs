using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansVm.Silo.Auth;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

public sealed class StartupBannerTests
{
    private static readonly string[] ShowStartupLogs = ["--Logging:LogLevel:OrleansVm.Silo.Startup=Information"];

    private static async Task<(TestSilo Silo, CapturingLoggerProvider Logs)> StartAsync(string dataDirectory, bool withOperatorToken, string[]? logLevels = null)
    {
        var logs = new CapturingLoggerProvider();
        var silo = await TestSilo.StartAsync(logLevels ?? ShowStartupLogs, dataDirectory, withOperatorToken,
            beforeStart: app => app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs));
        return (silo, logs);
    }

    private static async Task<IReadOnlyList<string>> WaitForBannerAsync(CapturingLoggerProvider logs)
    {
        for (var i = 0; i < 100 && !logs.Messages.Any(m => m.Contains("serving the API")); i++) await Task.Delay(20);
        return logs.Messages;
    }

    [Fact]
    public async Task Dev_mode_prints_the_token_and_the_playground_link_that_carries_it()
    {
        using var data = new TempDirectory();
        var (silo, logs) = await StartAsync(data.Path, withOperatorToken: false);
        await using var _ = silo;

        var messages = await WaitForBannerAsync(logs);

        var token = (await File.ReadAllTextAsync(Path.Combine(data.Path, OperatorTokenSource.DevTokenFileName))).Trim();
        var origin = silo.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains(messages, m => m.Contains(token) && m.Contains("operator token"));
        Assert.Contains(messages, m => m.Contains($"{origin}/#token={token}&workspace=demo"));
    }

    [Fact]
    public async Task A_configured_token_is_never_printed()
    {
        using var data = new TempDirectory();
        var (silo, logs) = await StartAsync(data.Path, withOperatorToken: true);
        await using var _ = silo;

        var messages = await WaitForBannerAsync(logs);

        Assert.Contains(messages, m => m.Contains("serving the API"));
        Assert.DoesNotContain(messages, m => m.Contains(TestSilo.OperatorToken));
        Assert.False(File.Exists(Path.Combine(data.Path, OperatorTokenSource.DevTokenFileName)));
    }

    [Fact]
    public async Task The_shipped_log_levels_show_the_banner()
    {
        // Only the default level is raised back: appsettings.json's per-category levels (Orleans and Polly
        // quieter) apply as shipped, and must not swallow the banner.
        using var data = new TempDirectory();
        var (silo, logs) = await StartAsync(data.Path, withOperatorToken: false, logLevels: ["--Logging:LogLevel:Default=Information"]);
        await using var _ = silo;

        var messages = await WaitForBannerAsync(logs);

        Assert.Contains(messages, m => m.Contains("serving the API"));
        Assert.Contains(messages, m => m.Contains("operator token"));
    }
}
