using System.Diagnostics;

namespace OrleansVm.Cli.Tests;

/// <summary><c>--timeout-ms</c> and <c>--max-memory-mb</c> tighten the silo's limits.</summary>
public class LimitOptionTests
{
    [Fact]
    public async Task A_lower_timeout_stops_a_render_that_the_default_allows()
    {
        using var scripts = new PluginScripts();
        // Busy for about 10 ms of wall-clock time: well within the default 100 ms, beyond 1 ms.
        var file = scripts.WriteWidget("slow.js",
            "var end = new Date().getTime() + 10; while (new Date().getTime() < end) {} return ui.text('done');", "");

        var relaxed = await Cli.RunAsync("plugin", "render", file, "main");
        var strict = await Cli.RunAsync("plugin", "render", file, "main", "--timeout-ms", "1");

        relaxed.AssertExit(0);
        strict.AssertExit(1);
        Assert.Equal("RUNTIME_TIMEOUT", strict.ErrorCode);
    }

    [Fact]
    public async Task A_lower_memory_limit_stops_a_render_that_the_default_allows()
    {
        using var scripts = new PluginScripts();
        // Builds a string of 2^20 characters (2 MiB): within the default 32 MiB, beyond 1 MiB.
        var file = scripts.WriteWidget("hungry.js",
            "var s = '0123456789abcdef'; for (var i = 0; i < 16; i++) { s = s + s; } return ui.text(String(s.length));", "");

        var relaxed = await Cli.RunAsync("plugin", "render", file, "main");
        var strict = await Cli.RunAsync("plugin", "render", file, "main", "--max-memory-mb", "1");

        relaxed.AssertExit(0);
        Assert.Equal("1048576", (string?)relaxed.Json["tree"]!["text"]);
        strict.AssertExit(1);
        Assert.Equal("LIMIT_EXCEEDED", strict.ErrorCode);
        Assert.Equal("memory", (string?)strict.Json["error"]!["details"]!["limit"]);
    }

    [Fact]
    public async Task A_limit_above_the_default_does_not_raise_it()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("spin.js", "while (true) {}", "");

        var clock = Stopwatch.StartNew();
        var result = await Cli.RunAsync("plugin", "render", file, "main", "--timeout-ms", "60000");

        Assert.Equal("RUNTIME_TIMEOUT", result.ErrorCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // far below the 60 s asked for; process start under load included
    }
}
