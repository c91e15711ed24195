using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class HostileMemoryTests
{
    private static readonly TimeSpan Render = SandboxLimits.Default.RenderTimeout;

    // A generous time limit, so the memory limit is what must stop unbounded growth.
    private static readonly SandboxOptions SlowClock = new()
    {
        Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(5), EventTimeout = TimeSpan.FromSeconds(5) },
    };

    private static void AssertMemoryOrTimeLimit(SandboxException ex) =>
        Assert.True(ex.Code == SandboxErrorCodes.LimitExceeded && Limit(ex) == "memory", $"{ex.Code} {Limit(ex)}: {ex.Message}");

    [Fact]
    public void Unbounded_array_growth_hits_the_memory_limit()
    {
        var sandbox = Load(With(renderBody: "var a = []; while (true) { a.push({ x: 'some text', y: [1, 2, 3] }); }"), SlowClock);
        AssertMemoryOrTimeLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Unbounded_string_doubling_hits_the_memory_limit()
    {
        var sandbox = Load(With(handlerBody: "var s = 'x'; while (true) { s = s + s; }"), SlowClock);
        AssertMemoryOrTimeLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.HandleEvent("w", "h", null, null, Global())));
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("new Array(2147483647).join('x')")]
    [InlineData("Array(1e9).join()")]
    [InlineData("new Array(4294967295).join('')")]
    [InlineData("var a = []; a.length = 2147483647; a.indexOf(1)")]
    [InlineData("var a = []; a[2147483646] = 1; a.sort()")]
    [InlineData("var a = []; a.length = 4294967295; a.reverse()")]
    [InlineData("var a = []; a.length = 4294967295; a.lastIndexOf(1)")]
    [InlineData("var a = []; a.length = 100000000; a.map(function (x) { return x; })")]
    [InlineData("var a = []; a.length = 100000000; String(a)")]
    [InlineData("var a = []; a.length = 100000000; JSON.stringify(a)")]
    [InlineData("var s = 'xxxxxxxx'; for (var i = 0; i < 17; i++) s += s; s.split('')")]
    [InlineData("var s = 'xxxxxxxx'; for (var i = 0; i < 14; i++) s += s; s.replace(/x/g, s)")]
    [InlineData("var s = 'xxxxxxxx'; for (var i = 0; i < 17; i++) s += s; s.match(/x/g)")]
    [InlineData("var s = 'xxxxxxxx'; for (var i = 0; i < 17; i++) s += s; var a = []; for (var j = 0; j < 64; j++) a.push(s); a.join(s)")]
    [InlineData("var s = '\u20ac\u20ac\u20ac\u20ac\u20ac\u20ac\u20ac\u20ac'; for (var i = 0; i < 17; i++) s += s; encodeURIComponent(s)")]
    public void Single_native_calls_on_huge_arrays_or_strings_are_refused(string statement)
    {
        var sandbox = Load(With(renderBody: statement + "; return ui.text('done');"), SlowClock);
        AssertMemoryOrTimeLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(1), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Straight_line_string_doubling_without_loops_hits_the_memory_limit()
    {
        var doubling = string.Concat(Enumerable.Repeat("s = s + s; ", 40));
        var sandbox = Load(With(renderBody: "var s = 'x'; " + doubling + "return ui.text('done');"), SlowClock);
        AssertMemoryOrTimeLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void One_statement_concatenating_without_end_hits_the_memory_limit()
    {
        // 140 terms: longer chains are refused at parse by the nesting limit.
        var terms = string.Join(" + ", Enumerable.Repeat("s", 140));
        var sandbox = Load(With(renderBody: "var s = 'x'; for (var i = 0; i < 20; i++) s += s; var t = " + terms + "; return ui.text('done');"), SlowClock);
        AssertMemoryOrTimeLimit(ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.Render("w", null, Global())));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Apply_with_a_huge_array_like_is_a_catchable_range_error()
    {
        var sandbox = Load(With(renderBody: "try { Math.max.apply(null, { length: 2147483647 }); } catch (e) { return ui.text(e.name); } return ui.text('no');"));
        Assert.Equal("RangeError", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Render_building_a_ten_million_node_tree_ends_with_a_limit()
    {
        var sandbox = Load(With(renderBody: "var c = []; for (var i = 0; i < 10000000; i++) c.push(ui.text('n' + i)); return ui.panel(c);"), SlowClock);
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.Render("w", null, Global()));
        Assert.Contains(Limit(ex), new[] { "memory", "treeSize" });
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Allocation_budget_is_per_call()
    {
        // Each render allocates a few MiB, under the 32 MiB budget each time but well over it in total.
        var sandbox = Load(With(renderBody: "var a = []; for (var i = 0; i < 2000; i++) a.push('abcdefghij' + i); return ui.text(String(a.length));"),
            new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(2) } });
        for (var i = 0; i < 6; i++) Assert.Equal("2000", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }
}
