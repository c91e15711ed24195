using System.Diagnostics;

namespace OrleansVm.Cli.Tests;

/// <summary>Issue 12 item 7: files and JSON options a hostile user can hand the CLI (device and FIFO cases need Unix).</summary>
public class HostileInputTests
{
    [Fact]
    public async Task A_device_is_a_file_error_without_being_read()
    {
        var clock = Stopwatch.StartNew();

        var result = await Cli.RunAsync("plugin", "validate", "/dev/zero");

        result.AssertExit(2);
        Assert.Equal("FILE_ERROR", result.ErrorCode);
        Assert.Contains("not a regular file", (string?)result.Json["error"]!["message"]);
        // Reading /dev/zero up to any limit would take long; generous for a shared box.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_fifo_is_a_file_error_without_waiting_for_a_writer()
    {
        var fifo = Path.Combine(Path.GetTempPath(), $"orleansvm-fifo-{Guid.NewGuid():N}");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        try
        {
            // Opening a FIFO with no writer would block forever: the run's own timeout is the bound.
            var run = Cli.RunAsync("plugin", "validate", fifo);
            var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

            result.AssertExit(2);
            Assert.Equal("FILE_ERROR", result.ErrorCode);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public async Task A_directory_is_a_file_error()
    {
        var result = await Cli.RunAsync("plugin", "validate", Path.GetTempPath());

        result.AssertExit(2);
        Assert.Equal("FILE_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task A_file_over_the_code_size_limit_is_refused_with_the_contracts_error()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("huge.js", "// " + new string('x', 300 * 1024));

        var result = await Cli.RunAsync("plugin", "validate", file);

        result.AssertExit(1);
        Assert.Equal("LIMIT_EXCEEDED", result.ErrorCode);
        Assert.Equal("codeSize", (string?)result.Json["error"]!["details"]!["limit"]);
    }

    [Theory]
    [InlineData("""{"k":1,"k":2}""", "duplicate")]
    [InlineData("""{"a":{"k":1,"k":2}}""", "duplicate")]
    [InlineData("""{"value":1e400}""", "out of range")]
    [InlineData("""[1, -1e999]""", "out of range")]
    public async Task Malformed_args_are_usage_errors_without_net_messages(string args, string message)
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("echo.js", "return ctx.ui.text('x');", "h.dispatchPluginAction('state/replace', { seen: JSON.stringify(args) });");

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run", "--args", args);

        result.AssertExit(2);
        Assert.Contains(message, result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("System.", result.Stdout + result.Stderr);
    }
}
