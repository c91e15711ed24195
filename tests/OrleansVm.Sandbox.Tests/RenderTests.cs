using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class RenderTests
{
    private static JsonNode Render(string body, JsonNode? state = null) =>
        Load(With(renderBody: body)).Render("w", state, Global());

    private static SandboxException RenderFails(string body, string code, SandboxOptions? options = null)
    {
        var sandbox = Load(With(renderBody: body), options);
        var ex = ThrowsWithin(code, (options?.Limits ?? SandboxLimits.Default).RenderTimeout, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
        return ex;
    }

    [Fact]
    public void Ui_helpers_build_schema_nodes()
    {
        var tree = Render("""
            return ui.panel([
              ui.text(1), ui.badge(true),
              ui.row([ui.button('Go', { variant: 'primary', disabled: false, onClick: { handler: 'h', args: { a: 1 } } })]),
              ui.column([ui.input('v', { placeholder: 'p', onChange: { handler: 'h' } }), ui.counter(3, { onIncrement: { handler: 'h' } })]),
              ui.table([[1, 'a']], { headers: ['n', 's'] }),
              ui.row('not an array')
            ]);
            """);
        var children = tree["children"]!.AsArray();
        Assert.Equal("panel", tree["kind"]!.GetValue<string>());
        Assert.Equal("1", children[0]!["text"]!.GetValue<string>());
        Assert.Equal("true", children[1]!["text"]!.GetValue<string>());
        var button = children[2]!["children"]![0]!;
        Assert.Equal("Go", button["props"]!["label"]!.GetValue<string>());
        Assert.Equal(1, button["props"]!["onClick"]!["args"]!["a"]!.GetValue<int>());
        Assert.Equal("v", children[3]!["children"]![0]!["props"]!["value"]!.GetValue<string>());
        Assert.Equal(3, children[3]!["children"]![1]!["props"]!["value"]!.GetValue<int>());
        Assert.Equal("s", children[4]!["props"]!["headers"]![1]!.GetValue<string>());
        Assert.Empty(children[5]!["children"]!.AsArray());
    }

    [Fact]
    public void Render_sees_plugin_and_global_state()
    {
        var tree = Render("return ui.text(props.pluginState.n + '/' + props.globalState.self.instanceId);", new JsonObject { ["n"] = 9 });
        Assert.Equal("9/i1", tree["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("return ui.panel([{ kind: 'x' }]);", "root.children[0].kind 'x' is not supported")]
    [InlineData("return ui.panel([ui.text('a'), ui.input(5, {})]);", "root.children[1].props.value must be a string")]
    [InlineData("return 42;", "root must be an object")]
    [InlineData("return undefined;", "root must be an object")]
    [InlineData("return { text: 'no kind' };", "root.kind must be a string")]
    [InlineData("return { kind: 'text' };", "root.text must be a string")]
    [InlineData("return { kind: 'panel', children: 'x' };", "root.children must be an array")]
    [InlineData("return ui.button('b', { onClick: { handler: '' } });", "root.props.onClick.handler must be a non-empty string")]
    [InlineData("return ui.button('b', { onClick: 'h' });", "root.props.onClick must be an object {handler, args?}")]
    [InlineData("return ui.button('b', { disabled: 'yes' });", "root.props.disabled must be a boolean")]
    [InlineData("return ui.counter('3', {});", "root.props.value must be a number")]
    [InlineData("return ui.table([1], { headers: ['a'] });", "root.props.rows[0] must be an array")]
    [InlineData("return ui.table([], { headers: [1] });", "root.props.headers must be an array of strings")]
    [InlineData("return { kind: 'button' };", "root.props must be an object")]
    public void Invalid_trees_name_the_faulty_path(string body, string message) =>
        Assert.Equal(message, RenderFails(body, SandboxErrorCodes.RenderInvalid).Message);

    [Fact]
    public void A_cyclic_tree_is_invalid()
    {
        var ex = RenderFails("var p = ui.panel([]); p.children.push(p); return p;", SandboxErrorCodes.RenderInvalid);
        Assert.Contains("root.children[0] is cyclic", ex.Message);
    }

    [Fact]
    public void More_than_the_node_limit_is_refused()
    {
        var ex = RenderFails("var c = []; for (var i = 0; i < 5001; i++) c.push({ kind: 'row' }); return ui.panel(c);", SandboxErrorCodes.LimitExceeded,
            new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(5) } });
        Assert.Equal("treeSize", Limit(ex));
    }

    [Fact]
    public void Exactly_the_node_limit_is_accepted()
    {
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(5) } };
        var tree = Load(With(renderBody: "var c = []; for (var i = 0; i < 4999; i++) c.push({ kind: 'row' }); return ui.panel(c);"), options)
            .Render("w", null, Global());
        Assert.Equal(4999, tree["children"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("\\u0001", 65536)] // 6 bytes each as JSON: only the exact measurement sees it over 256 KiB
    [InlineData("\\u00e9", 65536)]
    [InlineData("a", 200000)]
    public void The_tree_byte_limit_counts_escaped_characters(string ch, int count)
    {
        var body = $"var s = '{ch}'; while (s.length < {count}) s += s; return ui.text(s.slice(0, {count}));";
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(10) } };
        if (ch == "a")
        {
            Assert.Equal(count, Load(With(renderBody: body), options).Render("w", null, Global())["text"]!.GetValue<string>().Length);
            return;
        }
        Assert.Equal("treeSize", Limit(RenderFails(body, SandboxErrorCodes.LimitExceeded, options)));
    }

    [Fact]
    public void A_tree_over_the_byte_limit_is_refused()
    {
        var ex = RenderFails("var s = 'x'; for (var i = 0; i < 18; i++) s += s; return ui.text(s);", SandboxErrorCodes.LimitExceeded);
        Assert.Equal("treeSize", Limit(ex));
    }

    [Fact]
    public void Unknown_widget_is_refused() =>
        Assert.Equal(SandboxErrorCodes.WidgetNotFound,
            TestPlugins.Throws(() => Load(Counter).Render("nope", null, Global())).Code);

    [Fact]
    public void Console_lines_reach_the_log()
    {
        var log = new ListLog();
        var sandbox = Load(With(renderBody: "console.log('a', 1, { b: [2] }); console.warn('w'); console.error(new Error('e')); console.info(null); return ui.text('x');"),
            new SandboxOptions { Log = log });
        sandbox.Render("w", null, Global());
        Assert.Equal(["log: a 1 {\"b\":[2]}", "warn: w", "error: Error: e", "info: null"], log.Lines);
    }

    private sealed class ListLog : IPluginLog
    {
        public List<string> Lines { get; } = [];
        public void Write(string level, string message) => Lines.Add($"{level}: {message}");
    }
}
