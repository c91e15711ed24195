using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 12 item 3: <see cref="SandboxMemory"/> accounts each held sandbox at its kept-bytes bound; over the
/// silo budget (only while the heap is over it too) workspaces over their quota lose their least recently
/// used sandboxes first, then the silo's least recently used go.
/// </summary>
public sealed class SandboxMemoryTests
{
    private const string Plugin = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return { widgets: { w: { render: function (props) { return ui.text('ok'); } } } };
        });
        """;

    private static readonly PluginProgram Program = PluginProgram.Parse(Plugin);
    private static readonly JsonObject Global = new() { ["self"] = new JsonObject(), ["shared"] = new JsonObject() };

    private sealed class FakeHeap : IManagedHeap
    {
        public long Bytes { get; set; }
    }

    // What one loaded sandbox of the plugin accounts for (an engine: ~100 KiB, about the same for every
    // load; not the process's first, which may fill static caches).
    private static readonly long OneSandbox = new[] { PluginSandbox.Load(Program), PluginSandbox.Load(Program) }[1].KeptBytes;

    private static SandboxLease Held(SandboxMemory memory, string instanceId, string workspaceId)
    {
        var lease = memory.Lease(instanceId, workspaceId);
        lease.Hold(PluginSandbox.Load(Program));
        return lease;
    }

    private static void Call(SandboxLease lease) => lease.Run(lease.Sandbox!, s => s.Render("w", null, Global));

    [Fact]
    public void Under_pressure_a_workspace_over_its_quota_loses_its_least_recently_used_sandboxes_before_anyone_else()
    {
        // Room for three sandboxes on the silo, one and a half per workspace (margins for the bound's small variation).
        var heap = new FakeHeap { Bytes = long.MaxValue };
        var memory = new SandboxMemory(new OrleansVmOptions { SandboxMemoryBudget = OneSandbox * 7 / 2, SandboxMemoryPerWorkspace = OneSandbox * 3 / 2 }, heap);
        var other = Held(memory, "other@1", "ws-2"); // the oldest of all, in a workspace within its quota
        var a = Held(memory, "a@1", "ws-1");
        var b = Held(memory, "b@1", "ws-1");
        Call(a); // now b is ws-1's least recently used

        var c = Held(memory, "c@1", "ws-1"); // four sandboxes: over the budget

        Assert.Null(b.Sandbox);
        Assert.Equal(1, b.Evictions);
        Assert.All(new[] { other, a, c }, l => Assert.NotNull(l.Sandbox));
        Assert.True(memory.Accounted <= memory.Budget);
        Assert.Equal(other.Accounted, memory.AccountedFor("ws-2"));
        Assert.Equal(1, memory.Evictions);

        // ws-1 still pays first, in its own order: a (used before c), then c.
        var d = Held(memory, "d@1", "ws-1");
        Assert.Null(a.Sandbox);
        Assert.NotNull(other.Sandbox);
        Held(memory, "e@1", "ws-1");
        Assert.Null(c.Sandbox);
        Assert.NotNull(d.Sandbox);
        Assert.NotNull(other.Sandbox);
    }

    [Fact]
    public void When_the_over_quota_workspaces_are_down_to_their_quota_the_silo_least_recently_used_go()
    {
        var heap = new FakeHeap { Bytes = long.MaxValue };
        var memory = new SandboxMemory(new OrleansVmOptions { SandboxMemoryBudget = OneSandbox * 5 / 2, SandboxMemoryPerWorkspace = OneSandbox * 3 / 2 }, heap);
        var first = Held(memory, "p@1", "ws-1");
        var second = Held(memory, "p@2", "ws-2");
        var third = Held(memory, "p@3", "ws-3"); // nobody over its quota, the silo over its budget

        Assert.Null(first.Sandbox);
        Assert.NotNull(second.Sandbox);
        Assert.NotNull(third.Sandbox);
    }

    [Fact]
    public void The_silo_budget_evicts_the_least_recently_used_sandboxes_only_while_the_heap_is_over_it()
    {
        var heap = new FakeHeap { Bytes = 0 };
        var memory = new SandboxMemory(new OrleansVmOptions { SandboxMemoryBudget = OneSandbox * 7 / 2, SandboxMemoryPerWorkspace = long.MaxValue / 2 }, heap);
        var first = Held(memory, "p@1", "ws-1");
        var second = Held(memory, "p@2", "ws-2");
        var third = Held(memory, "p@3", "ws-3");
        Call(first); // second is now the least recently used

        // Over the budget by the bounds, but the heap is not: the bounds' pessimism evicts nothing.
        var fourth = Held(memory, "p@4", "ws-4");
        Assert.Equal(4, memory.Held);
        Assert.True(memory.Accounted > memory.Budget);

        // Under real pressure the next call evicts, least recently used first, until the accounting fits.
        heap.Bytes = memory.Budget + 1;
        Call(fourth);
        Assert.Null(second.Sandbox);
        Assert.All(new[] { first, third, fourth }, l => Assert.NotNull(l.Sandbox));
        Assert.True(memory.Accounted <= memory.Budget);
    }

    [Fact]
    public void Released_and_evicted_sandboxes_leave_the_accounting_and_a_late_call_does_not_bring_them_back()
    {
        var memory = new SandboxMemory(new OrleansVmOptions { SandboxMemoryBudget = OneSandbox * 3 / 2 }, new FakeHeap { Bytes = long.MaxValue });
        var a = Held(memory, "a@1", "ws-1");
        var inFlight = a.Sandbox!;
        Held(memory, "b@1", "ws-1"); // evicts a while "a call" holds its sandbox
        Assert.Null(a.Sandbox);

        // The call in flight finishes on the sandbox it had; nothing is accounted for it any more.
        a.Run(inFlight, s => s.Render("w", null, Global));
        Assert.Null(a.Sandbox);
        Assert.Equal(1, memory.Held);

        // Its next load is held again (and evicts the other, now least recently used).
        a.Hold(PluginSandbox.Load(Program));
        Assert.NotNull(a.Sandbox);
        a.Release();
        Assert.Null(a.Sandbox);
        Assert.Equal(0, memory.AccountedFor("ws-1"));
        Assert.Equal(0, memory.Accounted);
    }

    [Fact]
    public void Defaults_are_a_quarter_of_the_memory_the_gc_may_use_and_a_quarter_of_that_per_workspace()
    {
        var memory = new SandboxMemory(new OrleansVmOptions());
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal(Math.Max(256L * 1024 * 1024, available / 4), memory.Budget);
        Assert.Equal(Math.Max(64L * 1024 * 1024, memory.Budget / 4), memory.PerWorkspace);
    }
}
