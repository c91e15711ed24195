using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>The memory limit is about what a script keeps, within a call and across calls; Jint's own churn is not memory growth.</summary>
public class MemoryMeteringTests
{
    private static readonly SandboxOptions SlowClock = new()
    {
        Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(60), EventTimeout = TimeSpan.FromSeconds(60) },
    };

    private static void AssertMemoryLimit(SandboxException ex) =>
        Assert.True(ex.Code == SandboxErrorCodes.LimitExceeded && Limit(ex) == "memory", $"{ex.Code} {Limit(ex)}: {ex.Message}");

    [Fact]
    public void A_million_cheap_iterations_that_keep_nothing_complete()
    {
        // ~1 KiB of interpreter garbage per iteration: ~1 GB allocated, nothing kept.
        var sandbox = Load(With(renderBody: "var x = 0; for (var i = 0; i < 1000000; i++) { x = (x + i) % 7; } return ui.text(String(x));"), SlowClock);
        Assert.Equal("0", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Loops_of_garbage_heavy_natives_and_calls_complete()
    {
        var sandbox = Load(With(handlerBody: """
            var o = { a: [1, 2, 3], b: 'text' }, n = 0;
            function f(x) { return { v: x }; }
            for (var i = 0; i < 10000; i++) { n += JSON.stringify(o).length + f(i).v % 2 + 'a,b'.split(',').length; }
            h.dispatchPluginAction('inc', { n: n });
            """), SlowClock);
        Assert.Equal(1, sandbox.HandleEvent("w", "h", null, null, Global()).NewState["n"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("var o = {}; for (var i = 0; ; i++) o['k' + i] = i;")]
    [InlineData("var fs = []; while (true) fs.push(function () { return 1; });")]
    [InlineData("var a = []; while (true) a.push([1, 2, 3, 4]);")]
    [InlineData("var keep = []; function f() { keep.push(arguments); } var s = 'x'; for (var i = 0; i < 15; i++) s += s; for (var j = 0; ; j++) f(s + j);")]
    [InlineData("var keep = []; var s = 'x'; for (var i = 0; i < 12; i++) s += s; while (true) keep.push(function (t) { return function () { return t; }; }(s + keep.length));")]
    [InlineData("var m = []; for (var i = 0; ; i++) m[i * 2] = { i: i };")]
    public void Accumulating_objects_strings_or_closures_hits_the_memory_limit(string body)
    {
        var sandbox = Load(With(renderBody: body + " return ui.text('done');"), SlowClock);
        AssertMemoryLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(30), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("var s = 'x'; for (var i = 0; i < 20; i++) s += s; function f(n) { return n ? s + f(n - 1) : s; } var t = f(200);")]
    [InlineData("var s = 'x'; for (var i = 0; i < 20; i++) s += s; var t = s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + (0, s + s)))))))))))))))))));")]
    public void Concatenating_interpreter_temporaries_hits_the_memory_limit(string body)
    {
        // Each step's operand is a value the interpreter holds mid-expression, not a variable.
        var sandbox = Load(With(renderBody: body + " return ui.text('done');"), SlowClock);
        AssertMemoryLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Checked_concatenation_keeps_the_semantics_of_plus()
    {
        var sandbox = Load(With(renderBody: """
            var log = [];
            var a = { valueOf: function () { log.push('a'); return 1; } };
            var b = { toString: function () { log.push('b'); return 'B'; }, valueOf: null };
            function id(x) { return x; }
            var r = [1 + 2 + '3', '1' + 2 + 3, (1 + {}) + [], typeof (new Date(0) + 1 + 1), null + 1 + 1, String(undefined + 1 + 1),
              true + 1 + 1, id(a) + id(b), id(2) + id(3), -0 + id(-0) === 0 ? 1 / (-0 + id(-0)) : 'x'];
            try { id({ valueOf: null, toString: null }) + 1; } catch (e) { r.push(e.name); }
            return ui.text(r.join('|') + '|' + log.join(''));
            """));
        Assert.Equal("33|123|1[object Object]|string|2|NaN|3|1B|5|-Infinity|TypeError|ab", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_well_behaved_plugin_keeps_working_across_recycles()
    {
        // A small kept-memory limit makes the engine be dropped often (once per ~1 MiB of churn).
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { MaxMemoryBytes = 2L * 1024 * 1024, MaxKeptBytes = 1024 * 1024, RenderTimeout = TimeSpan.FromSeconds(5), EventTimeout = TimeSpan.FromSeconds(5) } };
        var sandbox = PluginSandbox.Load(PluginProgram.Parse(Counter), options);
        JsonNode state = new JsonObject { ["value"] = 0 };
        for (var i = 0; i < 3000; i++)
        {
            sandbox.Render("counter", state, Global());
            state = sandbox.HandleEvent("counter", "increment", null, state, Global()).NewState;
        }
        Assert.Equal(3000, state["value"]!.GetValue<int>());
        // 6,000 calls allocate more than 1 MiB: the engine was rebuilt, invisibly to the plugin.
        Assert.True(sandbox.RecycleCount > 0, "never recycled");
    }
}
