using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class LoadTests
{
    private static SandboxException LoadError(string code)
    {
        var ex = TestPlugins.Throws(() => Load(code));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, ex.Code);
        return ex;
    }

    [Fact]
    public void Metadata_is_read_from_the_definition()
    {
        var metadata = Load(Counter).Metadata;
        Assert.Equal("counter", metadata.DeclaredId);
        Assert.Equal("Counter", metadata.Title);
        Assert.Equal("Counts clicks", metadata.Description);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["value"] = 0 }, metadata.InitialState));
        Assert.Equal(["counter"], metadata.Widgets);
    }

    [Fact]
    public void Defaults_apply_when_fields_are_missing()
    {
        var metadata = Load("definePlugin(function () { return { widgets: { a: { render: function () {} }, b: { render: function () {} } } }; });").Metadata;
        Assert.Null(metadata.DeclaredId);
        Assert.Equal("Untitled Plugin", metadata.Title);
        Assert.Equal("", metadata.Description);
        Assert.True(JsonNode.DeepEquals(new JsonObject(), metadata.InitialState));
        Assert.Equal(["a", "b"], metadata.Widgets);
    }

    [Theory]
    [InlineData("definePlugin(42);", "definePlugin requires a factory function")]
    [InlineData("definePlugin();", "definePlugin requires a factory function")]
    [InlineData("var x = 1;", "Plugin did not register via definePlugin")]
    [InlineData("definePlugin(function () { return { widgets: 3 }; });", "Plugin widgets must be an object")]
    [InlineData("definePlugin(function () { return {}; });", "Plugin widgets must be an object")]
    [InlineData("definePlugin(function () { return { widgets: { w: {} } }; });", "Widget \"w\" must have a render function")]
    [InlineData("definePlugin(function () { return { widgets: { w: { render: 'no' } } }; });", "Widget \"w\" must have a render function")]
    public void Load_errors_have_the_spec_messages(string code, string message) =>
        Assert.Equal(message, LoadError(code).Message);

    [Fact]
    public void DefinePlugin_twice_is_a_load_error_even_if_caught() =>
        Assert.Contains("exactly once", LoadError("var f = function () { return { widgets: {} }; }; definePlugin(f); try { definePlugin(f); } catch (e) {}").Message);

    [Fact]
    public void Syntax_errors_carry_line_and_column()
    {
        var ex = TestPlugins.Throws(() => PluginProgram.Parse("var a = 1;\nvar b = ;\n"));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, ex.Code);
        Assert.Equal(2, ex.Details!["line"]!.GetValue<int>());
        Assert.True(ex.Details!["column"]!.GetValue<int>() > 0);
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void Syntax_beyond_what_jint_parses_is_a_syntax_error_with_its_position() =>
        Assert.Equal(SandboxErrorCodes.PluginLoadError, TestPlugins.Throws(() => PluginProgram.Parse("var f = (a) => ;")).Code);

    [Fact]
    public void An_exception_at_load_is_a_load_error_with_its_message_and_position()
    {
        var ex = LoadError("var a = 1;\nthrow new TypeError('bad start');");
        Assert.Equal("TypeError: bad start", ex.Message);
        Assert.Equal(2, ex.Details!["line"]!.GetValue<int>());
    }

    [Fact]
    public void An_exception_in_the_factory_is_a_load_error() =>
        Assert.Contains("factory failed", LoadError("definePlugin(function () { throw new Error('factory failed'); });").Message);

    [Fact]
    public void Initial_state_over_the_limit_is_refused()
    {
        var ex = TestPlugins.Throws(() => Load("var s = 'x'; for (var i = 0; i < 17; i++) s += s; definePlugin(function () { return { initialState: { s: s }, widgets: {} }; });"));
        Assert.Equal(SandboxErrorCodes.LimitExceeded, ex.Code);
        Assert.Equal("stateSize", Limit(ex));
    }

    [Fact]
    public void Program_is_parsed_once_and_shared_by_many_sandboxes()
    {
        var program = PluginProgram.Parse(Counter);
        Assert.Equal(64, program.ContentHash.Length);
        Assert.Equal(Counter, program.Code);
        var sandboxes = Enumerable.Range(0, 4).Select(_ => PluginSandbox.Load(program)).ToList();
        Parallel.ForEach(sandboxes, sandbox =>
        {
            for (var i = 0; i < 50; i++)
            {
                var result = sandbox.HandleEvent("counter", "increment", null, new JsonObject { ["value"] = i }, Global());
                Assert.Equal(i + 1, result.NewState["value"]!.GetValue<int>());
            }
        });
    }

    [Fact]
    public void Same_code_has_the_same_hash_and_different_code_a_different_one()
    {
        Assert.Equal(PluginProgram.Parse(Counter).ContentHash, PluginProgram.Parse(Counter).ContentHash);
        Assert.NotEqual(PluginProgram.Parse(Counter).ContentHash, PluginProgram.Parse(Counter + " ").ContentHash);
    }
}
