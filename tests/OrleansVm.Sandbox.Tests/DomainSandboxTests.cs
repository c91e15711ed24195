using System.Text.Json.Nodes;
using OrleansVm.Sandbox.Domains;

namespace OrleansVm.Sandbox.Tests;

/// <summary>Custom domains (`defineDomain`): load rules, reducers, projection, and the same limits as plugins.</summary>
public sealed class DomainSandboxTests
{
    private const string Tally = """
        defineDomain({
          initialState: { total: 0 },
          reducers: {
            add: function (state, action) { return { total: state.total + action.payload, by: action.instanceId }; },
            boom: function () { throw new Error('reducer broke'); },
            spin: function () { while (true) {} },
            recurse: function r(state) { return r(state); },
            huge: function () { var s = 'x'; while (s.length < 200000) { s = s + s; } return { s: s }; },
            mutate: function (state) { state.total = 999; throw new Error('after mutating'); }
          },
          project: function (state) { return { total: state.total }; }
        });
        """;

    private static DomainSandbox Load(string code) => DomainSandbox.Load(DomainProgram.Parse(code));

    private static JsonObject Action(string type, JsonNode? payload = null) => new()
    {
        ["type"] = type, ["payload"] = payload, ["instanceId"] = "p@AAAAAAAA", ["packageId"] = "p", ["dispatchId"] = "p@AAAAAAAA#1", ["timestamp"] = 1,
    };

    [Fact]
    public void A_domain_reads_its_initial_state_reducers_and_projection()
    {
        var domain = Load(Tally);

        Assert.Equal("{\"total\":0}", domain.InitialState.ToJsonString());
        Assert.True(domain.HasReducer("add"));
        Assert.False(domain.HasReducer("toString")); // inherited members are not reducers
        Assert.True(domain.HasProjection);
        var state = domain.Apply(domain.InitialState, Action("add", 5));
        Assert.Equal("{\"total\":5,\"by\":\"p@AAAAAAAA\"}", state.ToJsonString());
        Assert.Equal("{\"total\":5}", domain.Project(state).ToJsonString());
    }

    [Fact]
    public void Without_a_projection_readers_see_the_state_and_the_initial_state_defaults_to_an_empty_object()
    {
        var domain = Load("defineDomain({ reducers: { set: function (s, a) { return { v: a.payload }; } } });");

        Assert.Equal("{}", domain.InitialState.ToJsonString());
        Assert.False(domain.HasProjection);
        var state = domain.Apply(null, Action("set", "x"));
        Assert.Equal("{\"v\":\"x\"}", domain.Project(state).ToJsonString());
    }

    [Theory]
    [InlineData("var x = 1;", "Domain did not register via defineDomain")]
    [InlineData("defineDomain(function () {});", "defineDomain requires an object")]
    [InlineData("defineDomain({ reducers: 1 });", "Domain reducers must be an object")]
    [InlineData("defineDomain({ reducers: { a: 1 } });", "Domain reducer \"a\" must be a function")]
    [InlineData("defineDomain({ reducers: {}, project: 'x' });", "Domain project must be a function")]
    [InlineData("defineDomain({ reducers: {} }); defineDomain({ reducers: {} });", "defineDomain must be called exactly once")]
    [InlineData("throw new Error('at load');", "at load")]
    public void Bad_definitions_are_load_errors(string code, string message)
    {
        var error = Assert.Throws<SandboxException>(() => Load(code));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_syntax_error_names_its_line_and_column()
    {
        var error = Assert.Throws<SandboxException>(() => DomainProgram.Parse("defineDomain({\n reducers: {"));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, error.Code);
        Assert.NotNull(error.Details?["line"]);
    }

    [Fact]
    public void A_throwing_reducer_is_a_runtime_error_and_the_domain_stays_usable()
    {
        var domain = Load(Tally);
        var state = domain.Apply(null, Action("add", 1));

        var error = Assert.Throws<SandboxException>(() => domain.Apply(state, Action("boom")));
        Assert.Equal(SandboxErrorCodes.PluginRuntimeError, error.Code);
        Assert.Contains("reducer broke", error.Message);
        Assert.Throws<SandboxException>(() => domain.Apply(state, Action("mutate")));
        Assert.Equal("{\"total\":1}", domain.Project(state).ToJsonString()); // the reducer got a copy
        Assert.Equal(3, domain.Apply(state, Action("add", 2))["total"]!.GetValue<double>());
    }

    [Fact]
    public void A_missing_reducer_is_a_runtime_error()
    {
        var error = Assert.Throws<SandboxException>(() => Load(Tally).Apply(null, Action("nope")));
        Assert.Equal(SandboxErrorCodes.PluginRuntimeError, error.Code);
    }

    [Fact]
    public void A_runaway_reducer_ends_within_the_event_limit_and_the_domain_stays_usable()
    {
        var domain = Load(Tally);

        TestPlugins.ThrowsTimeoutOrMemoryWithin(SandboxLimits.Default.EventTimeout, () => domain.Apply(null, Action("spin")));
        var depth = TestPlugins.ThrowsWithin(SandboxErrorCodes.LimitExceeded, SandboxLimits.Default.EventTimeout, () => domain.Apply(null, Action("recurse")));
        Assert.Equal("depth", TestPlugins.Limit(depth));
        var size = Assert.Throws<SandboxException>(() => domain.Apply(null, Action("huge")));
        Assert.Equal(SandboxErrorCodes.LimitExceeded, size.Code);

        Assert.Equal(4, domain.Apply(null, Action("add", 4))["total"]!.GetValue<double>());
    }

    [Fact]
    public void A_runaway_projection_ends_within_the_render_limit()
    {
        var domain = Load("defineDomain({ reducers: {}, project: function () { while (true) {} } });");

        TestPlugins.ThrowsTimeoutOrMemoryWithin(SandboxLimits.Default.RenderTimeout, () => domain.Project(null));
    }

    [Fact]
    public void A_reducer_getter_runs_only_inside_the_load_budget()
    {
        var code = "var r = {}; Object.defineProperty(r, 'a', { enumerable: true, get: function () { while (true) {} } }); defineDomain({ reducers: r });";

        TestPlugins.ThrowsTimeoutOrMemoryWithin(SandboxLimits.Default.LoadTimeout, () => Load(code));
    }

    [Fact]
    public void A_domain_sees_no_host_objects_and_no_require()
    {
        var domain = Load("""
            defineDomain({ reducers: { probe: function () {
              return { require: typeof require, console: typeof console, clr: typeof System, importNamespace: typeof importNamespace };
            } } });
            """);

        var result = domain.Apply(null, Action("probe"));

        Assert.Equal("{\"require\":\"undefined\",\"console\":\"object\",\"clr\":\"undefined\",\"importNamespace\":\"undefined\"}", result.ToJsonString());
    }
}
