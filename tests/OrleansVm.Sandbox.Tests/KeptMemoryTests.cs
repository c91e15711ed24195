using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>
/// What a sandbox keeps between calls (issue 12, item 3): bounded by <see cref="SandboxLimits.MaxKeptBytes"/>
/// whatever the plugin does; a proven hoard fails its call with LIMIT_EXCEEDED keptMemory and starts fresh;
/// garbage never fails a call.
/// </summary>
public class KeptMemoryTests
{
    private const long Limit4MiB = 4L * 1024 * 1024;

    private static SandboxOptions KeepAtMost(long bytes) => new()
    {
        Limits = SandboxLimits.Default with { MaxKeptBytes = bytes, RenderTimeout = TimeSpan.FromSeconds(30), EventTimeout = TimeSpan.FromSeconds(30) },
    };

    // Each render keeps one more ~512 KiB string and answers how many it holds.
    private const string HoardPerRender = "keep.push('y'.repeat(262144) + keep.length); return ui.text(String(keep.length));";

    private static string HoardingPlugin(string declaration, string push = HoardPerRender) => $$"""
        {{(declaration.StartsWith("factory:", StringComparison.Ordinal) ? "" : declaration)}}
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          {{(declaration.StartsWith("factory:", StringComparison.Ordinal) ? declaration["factory:".Length..] : "")}}
          return {
            initialState: { n: 0 },
            reducers: { inc: function (s) { return { n: s.n + 1 }; } },
            widgets: { w: {
              render: function (props) { if (props.pluginState.n === 1) { return ui.text('ok'); } {{push}} },
              handlers: { ok: function (h) { h.dispatchPluginAction('inc'); } }
            } }
          };
        });
        """;

    [Theory]
    [InlineData("var keep = [];")]              // a global
    [InlineData("let keep = [];")]              // a top-level lexical (the global declarative record)
    [InlineData("factory:var keep = [];")]      // a closure variable of the factory
    public void A_plugin_keeping_more_than_its_limit_fails_with_keptMemory_then_starts_fresh(string declaration)
    {
        var sandbox = Load(HoardingPlugin(declaration), KeepAtMost(Limit4MiB));
        var counts = new List<int>();
        SandboxException? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            try
            {
                counts.Add(int.Parse(sandbox.Render("w", null, Global())["text"]!.GetValue<string>()));
            }
            catch (SandboxException ex)
            {
                refused = ex;
            }
            Assert.True(sandbox.KeptBytes <= Limit4MiB, $"kept bound {sandbox.KeptBytes} after call {i}");
        }

        Assert.NotNull(refused);
        Assert.Equal(SandboxErrorCodes.LimitExceeded, refused.Code);
        Assert.Equal("keptMemory", Limit(refused));
        Assert.Contains("4 MiB", refused.Message);
        Assert.Equal(Enumerable.Range(1, counts.Count), counts); // nothing was lost before the limit
        Assert.InRange(counts.Count, 4, 8); // ~512 KiB each against 4 MiB

        // The next call runs on a fresh engine: its globals start over, and it works as before.
        Assert.Equal("1", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Garbage_is_not_kept_memory_calls_never_fail_and_the_engine_is_still_bounded()
    {
        // Each render allocates ~2 MiB it does not keep; the bound counts it, the walk proves nothing.
        var sandbox = Load(With(renderBody: "var t = 'z'.repeat(1048576); return ui.text(String(t.length + props.pluginState.n));"), KeepAtMost(Limit4MiB));
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("1048576", sandbox.Render("w", new JsonObject { ["n"] = 0 }, Global())["text"]!.GetValue<string>());
            Assert.True(sandbox.KeptBytes <= Limit4MiB, $"kept bound {sandbox.KeptBytes} after call {i}");
        }
        Assert.True(sandbox.RecycleCount >= 5, $"recycled {sandbox.RecycleCount} times");
    }

    [Fact]
    public void A_hoard_the_walk_cannot_see_still_loses_its_engine()
    {
        // Map contents are not walked (lower bound): no error, but the allocation bound drops the engine all the same.
        var sandbox = Load(HoardingPlugin("var keep = new Map();", "keep.set(keep.size, 'y'.repeat(262144) + keep.size); return ui.text(String(keep.size));"),
            KeepAtMost(Limit4MiB));
        var counts = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            counts.Add(int.Parse(sandbox.Render("w", null, Global())["text"]!.GetValue<string>()));
            Assert.True(sandbox.KeptBytes <= Limit4MiB, $"kept bound {sandbox.KeptBytes} after call {i}");
        }
        Assert.True(counts.Max() <= 8, $"the map reached {counts.Max()} entries");
        Assert.Contains(1, counts.Skip(1)); // started over at least once
    }

    [Fact]
    public void The_managed_heap_does_not_grow_with_a_hoarding_plugin()
    {
        // 300 renders keeping ~1 MiB each would hold ~300 MiB; the limit keeps it to a few MiB.
        var sandbox = Load(HoardingPlugin("var keep = [];", "keep.push('y'.repeat(524288) + keep.length); return ui.text(String(keep.length));"),
            KeepAtMost(8L * 1024 * 1024));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var maxGrowth = 0L;
        for (var i = 0; i < 300; i++)
        {
            try
            {
                sandbox.Render("w", null, Global());
            }
            catch (SandboxException ex) when (Limit(ex) == "keptMemory")
            {
            }
            if (i % 50 == 49) maxGrowth = Math.Max(maxGrowth, GC.GetTotalMemory(forceFullCollection: true) - before);
        }
        // Generous: other tests of this process allocate in parallel; unbounded, this alone would be ~300 MiB.
        Assert.True(maxGrowth < 150L * 1024 * 1024, $"managed memory grew by {maxGrowth / (1024 * 1024)} MiB");
    }

    [Fact]
    public void A_fresh_sandbox_accounts_for_its_engine()
    {
        var sandbox = Load(Counter);
        Assert.InRange(sandbox.KeptBytes, 10_000, 4L * 1024 * 1024); // an engine with its guards is ~100 KiB
    }
}
