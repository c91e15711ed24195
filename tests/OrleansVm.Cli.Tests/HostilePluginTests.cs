using System.Diagnostics;

namespace OrleansVm.Cli.Tests;

/// <summary>The CLI never hangs or crashes on plugin code (cli.md).</summary>
public class HostilePluginTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_endless_handler_ends_with_a_timeout()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("spin.js", "return ui.text('x');", "while (true) {}");

        var clock = Stopwatch.StartNew();
        var result = await Cli.RunAsync("plugin", "event", file, "main", "run");

        Assert.True(clock.Elapsed < Generous, $"took {clock.Elapsed}");
        result.AssertExit(1);
        Assert.Equal("RUNTIME_TIMEOUT", result.ErrorCode);
    }

    [Fact]
    public async Task An_endless_script_is_stopped_at_load()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("spin-load.js", "for (;;) {}");

        var clock = Stopwatch.StartNew();
        var result = await Cli.RunAsync("plugin", "validate", file);

        Assert.True(clock.Elapsed < Generous, $"took {clock.Elapsed}");
        result.AssertExit(1);
        // Jint allocates on every iteration, so within the 1 s load limit the 32 MiB memory
        // limit may trip first; either way the script is stopped (plugin-contract.md "Limits").
        Assert.Contains(result.ErrorCode, new[] { "RUNTIME_TIMEOUT", "LIMIT_EXCEEDED" });
    }

    [Fact]
    public async Task Unbounded_recursion_is_a_limit_not_a_crash()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("recurse.js", "function f(n) { return f(n + 1); } return f(0);", "");

        var result = await Cli.RunAsync("plugin", "render", file, "main");

        result.AssertExit(1);
        Assert.Equal("LIMIT_EXCEEDED", result.ErrorCode);
        Assert.Equal("depth", (string?)result.Json["error"]!["details"]!["limit"]);
    }
}
