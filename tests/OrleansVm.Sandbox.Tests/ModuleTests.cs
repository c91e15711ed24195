using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class ModuleTests
{
    private static SandboxOptions Enabled(params string[] modules)
    {
        var registry = NativeModuleRegistry.CreateDefault();
        return new SandboxOptions { Modules = registry, EnabledModules = registry.NormalizeNames(modules) };
    }

    private static string RenderText(string body, SandboxOptions options) =>
        Load(With(renderBody: body), options).Render("w", null, Global())["text"]!.GetValue<string>();

    [Fact]
    public void Names_are_trimmed_lower_cased_and_deduplicated()
    {
        var names = NativeModuleRegistry.CreateDefault().NormalizeNames([" Time ", "time", "KV", "crypto"]);
        Assert.Equal(["crypto", "kv", "time"], names.OrderBy(n => n));
    }

    [Theory]
    [InlineData("Math", "\"math\" is a JavaScript built-in and cannot be configured")]
    [InlineData(" console", "\"console\" is a JavaScript built-in and cannot be configured")]
    [InlineData("global", "\"global\" is a JavaScript built-in and cannot be configured")]
    [InlineData("fs", "\"fs\" is not a registered native module")]
    public void Built_in_and_unknown_names_are_not_allowed(string name, string message)
    {
        var ex = TestPlugins.Throws(() => NativeModuleRegistry.CreateDefault().NormalizeNames([name]));
        Assert.Equal(SandboxErrorCodes.ModuleNotAllowed, ex.Code);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Default_registry_lists_time_crypto_and_kv_with_docs()
    {
        var all = NativeModuleRegistry.CreateDefault().All;
        Assert.Equal(["crypto", "kv", "time"], all.Select(m => m.Name));
        Assert.All(all, m => Assert.False(string.IsNullOrWhiteSpace(m.Doc)));
    }

    [Fact]
    public void Require_of_a_module_not_enabled_throws_a_catchable_error_with_a_code() =>
        Assert.Equal("MODULE_NOT_ENABLED", RenderText("try { require('kv'); return ui.text('loaded'); } catch (e) { return ui.text(e.code); }", Enabled("time")));

    [Fact]
    public void Require_of_unknown_or_builtin_names_throws_a_catchable_error() =>
        Assert.Equal("MODULE_NOT_ALLOWED MODULE_NOT_ALLOWED",
            RenderText("var r = []; ['fs', 'Math'].forEach(function (n) { try { require(n); } catch (e) { r.push(e.code); } }); return ui.text(r.join(' '));", Enabled()));

    [Fact]
    public void Require_is_also_on_ctx_and_returns_the_same_object() =>
        Assert.Equal("true", RenderText("return ui.text(String(require('time') === require(' TIME ')));", Enabled("time")));

    [Fact]
    public void Time_module_gives_now_and_iso()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var text = RenderText("var t = require('time'); return ui.text(t.now() + ' ' + t.iso());", Enabled("time"));
        var parts = text.Split(' ');
        Assert.InRange(long.Parse(parts[0]), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(DateTimeOffset.TryParse(parts[1], out _));
    }

    [Fact]
    public void Crypto_sha256_matches_dotnet()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("héllo")));
        Assert.Equal(expected, RenderText("return ui.text(require('crypto').sha256('héllo'));", Enabled("crypto")));
    }

    [Fact]
    public void Crypto_random_id_uses_the_nanoid_alphabet()
    {
        var text = RenderText("var c = require('crypto'); return ui.text(c.randomId() + ' ' + c.randomId(40) + ' ' + c.randomId(40));", Enabled("crypto"));
        var ids = text.Split(' ');
        Assert.Equal(21, ids[0].Length);
        Assert.Equal(40, ids[1].Length);
        Assert.NotEqual(ids[1], ids[2]);
        Assert.All(ids, id => Assert.All(id, c => Assert.Contains(c, CryptoModule.NanoIdAlphabet)));
    }

    [Fact]
    public void Kv_is_read_and_written_per_event_and_returned_to_the_caller()
    {
        var sandbox = Load(With(handlerBody: "var kv = require('kv'); kv.set('count', (kv.get('count') || 0) + 1); kv.set('tmp', { a: [1] }); kv['delete']('old'); h.dispatchPluginAction('state/replace', { keys: kv.keys() });"),
            Enabled("kv"));
        var input = new JsonObject { ["count"] = 41, ["old"] = true };
        var result = sandbox.HandleEvent("w", "h", null, null, Global(), input);
        Assert.Equal(42, result.Kv["count"]!.GetValue<int>());
        Assert.False(result.Kv.ContainsKey("old"));
        Assert.Equal(1, result.Kv["tmp"]!["a"]![0]!.GetValue<int>());
        Assert.Equal(["count", "tmp"], result.NewState["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(41, input["count"]!.GetValue<int>());
    }

    [Fact]
    public void Kv_changes_are_discarded_when_the_event_fails()
    {
        var sandbox = Load(With(handlerBody: "require('kv').set('k', 2); throw new Error('after set');"), Enabled("kv"));
        var input = new JsonObject { ["k"] = 1 };
        Assert.Equal(SandboxErrorCodes.PluginRuntimeError, TestPlugins.Throws(() => sandbox.HandleEvent("w", "h", null, null, Global(), input)).Code);
        Assert.Equal(1, input["k"]!.GetValue<int>());
        var unchanged = sandbox.HandleEvent("w", "ok", null, null, Global(), input);
        Assert.True(JsonNode.DeepEquals(input, unchanged.Kv));
    }

    [Fact]
    public void Kv_over_its_size_limit_ends_the_event()
    {
        var sandbox = Load(With(handlerBody: "var s = 'x'; for (var i = 0; i < 14; i++) s += s; var kv = require('kv'); for (var j = 0; j < 8; j++) kv.set('k' + j, s);"), Enabled("kv"));
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, SandboxLimits.Default.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        Assert.Equal("kvSize", Limit(ex));
    }

    [Fact]
    public void Kv_passed_to_render_is_readable()
    {
        var sandbox = Load(With(renderBody: "return ui.text(String(require('kv').get('greeting')));"), Enabled("kv"));
        var tree = sandbox.Render("w", null, Global(), new JsonObject { ["greeting"] = "hi" });
        Assert.Equal("hi", tree["text"]!.GetValue<string>());
    }

    [Fact]
    public void Kv_is_read_only_during_render()
    {
        var text = RenderText("var kv = require('kv'); try { kv.set('a', 1); return ui.text('wrote'); } catch (e) { return ui.text(e.name + ' ' + kv.get('x')); }", Enabled("kv"));
        Assert.Equal("TypeError undefined", text);
    }

    [Fact]
    public void Hosts_can_register_their_own_modules()
    {
        var registry = NativeModuleRegistry.CreateDefault();
        registry.Register(new GreetingModule());
        var options = new SandboxOptions { Modules = registry, EnabledModules = registry.NormalizeNames(["greeting"]) };
        Assert.Equal("hello ada!", RenderText("return ui.text(require('greeting').greet('ada') + require('greeting').suffix);", options));
        Assert.Throws<SandboxException>(() => registry.Register(new NamedModule("json")));
        Assert.Throws<ArgumentException>(() => registry.Register(new GreetingModule()));
    }

    private sealed class GreetingModule : NativeModule
    {
        public override string Name => "greeting";
        public override string Doc => "greet(name)";

        public override void Build(NativeModuleBuilder module)
        {
            module.Function("greet", 1, args => new Jint.Native.JsString("hello " + (args.Length > 0 ? args[0].ToString() : "")));
            module.Value("suffix", JsonValue.Create("!"));
        }
    }

    private sealed class NamedModule(string name) : NativeModule
    {
        public override string Name => name;
        public override string Doc => "";
        public override void Build(NativeModuleBuilder module) { }
    }
}
