using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class HostileSourceTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("(", ")", 100000)]
    [InlineData("[", "]", 100000)]
    [InlineData("{a:", "}", 60000)]
    [InlineData("-(", ")", 80000)]
    [InlineData("function(){return ", "}", 12000)]
    public void Source_nested_deeply_is_refused_without_crashing(string open, string close, int levels)
    {
        // As deep as fits in the 256 KiB code limit (100,000 levels for single brackets).
        var code = "var x = " + string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels)) + ";";
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, Margin, () => PluginProgram.Parse(code));
        Assert.Equal("depth", Limit(ex));
        AssertStillWorks(Load(With()));
    }

    [Fact]
    public void Nesting_hidden_from_the_prescan_inside_regex_literals_is_still_refused()
    {
        // Brackets inside regex literals do not fool Jint's nesting limit (it counts AST levels).
        var code = "var x = " + string.Concat(Enumerable.Repeat("(/[)]/,", 5000)) + "1" + new string(')', 5000) + ";";
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => PluginProgram.Parse(code));
        Assert.Equal("depth", Limit(ex));
    }

    [Theory]
    [InlineData("!", "")]
    [InlineData("a = ", "")]
    [InlineData("1 ? 1 : ", "")]
    [InlineData("if (1) ", "")]
    public void Deep_unbracketed_nesting_is_refused(string repeat, string close)
    {
        var code = "var a; " + string.Concat(Enumerable.Repeat(repeat, 20000)) + "1" + close + ";";
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => PluginProgram.Parse(code));
        Assert.Equal("depth", Limit(ex));
    }

    [Fact]
    public void Code_over_the_size_limit_is_refused()
    {
        var code = "// " + new string('x', SandboxLimits.Default.MaxCodeBytes) + "\n" + With();
        var ex = TestPlugins.Throws(() => PluginProgram.Parse(code));
        Assert.Equal(SandboxErrorCodes.LimitExceeded, ex.Code);
        Assert.Equal("codeSize", Limit(ex));
    }

    [Fact]
    public void With_statement_runs_as_sloppy_mode_javascript()
    {
        // Sloppy-mode `with` is ordinary JavaScript; the sandbox has no hidden globals a script could shadow.
        var sandbox = Load(With(renderBody: "var o = { x: 'w' }; with (o) { return ui.text(x); }"));
        Assert.Equal("w", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }
}
