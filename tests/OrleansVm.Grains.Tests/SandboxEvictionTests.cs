using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 12 item 3 through the grains: an instance whose sandbox was evicted (here by a silo budget that
/// fits a single sandbox, under a heap that is always over it) keeps its activation and state, answers its
/// next call on a freshly loaded sandbox (its JS globals start over), and so does another workspace's.
/// </summary>
public sealed class SandboxEvictionTests : GrainsTestBase
{
    private readonly TempDirectory _directory = new("orleansvm-eviction");

    // Counts its own calls in a global: the count starts over when the sandbox is reloaded.
    private const string CallCounting = """
        var calls = 0;
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            initialState: { clicks: 0 },
            reducers: { clicked: function (s) { return { clicks: s.clicks + 1 }; } },
            widgets: { main: {
              render: function (props) { calls++; return ui.text('clicks ' + props.pluginState.clicks + ' calls ' + calls); },
              handlers: { click: function (h) { calls++; h.dispatchPluginAction('clicked'); } }
            } }
          };
        });
        """;

    private sealed class AlwaysUnderPressure : IManagedHeap
    {
        public long Bytes => long.MaxValue;
    }

    protected override void AddStorage(InProcessTestClusterBuilder builder) =>
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton<IManagedHeap>(new AlwaysUnderPressure()));

    protected override void ConfigureStorage(OrleansVmOptions options)
    {
        options.UseSqlite(_directory.Path);
        options.SandboxMemoryBudget = 1; // one sandbox on the silo at a time: every load or call evicts the others
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_evicted_instance_answers_its_next_event_on_a_reloaded_sandbox_and_other_workspaces_keep_theirs()
    {
        await Client.GetGrain<IPackageGrain>("calls").PublishAsync("1.0.0", CallCounting, TestCode.TallyManifest(writeTally: false, readTally: false));
        var busy = await NewWorkspaceAsync("calls");
        var quiet = await NewWorkspaceAsync("calls");
        var first = (await busy.CreateInstanceAsync("calls", null)).InstanceId;
        var second = (await busy.CreateInstanceAsync("calls", null)).InstanceId;
        var bystander = (await quiet.CreateInstanceAsync("calls", null)).InstanceId;
        var memory = (SandboxMemory)SiloServices.GetService(typeof(SandboxMemory))!;

        await EventAsync(quiet, bystander, "main", "click");
        await EventAsync(busy, first, "main", "click");
        Assert.Equal(["clicks 1 calls 2"], await RenderTextsAsync(busy, first, "main"));
        var evictions = memory.Evictions;

        // The second instance's sandbox takes the silo's only room: the first one's goes.
        Assert.Equal(["clicks 0 calls 1"], await RenderTextsAsync(busy, second, "main"));
        Assert.Equal(evictions + 1, memory.Evictions);

        // The first answers its next event correctly: state as saved, a fresh sandbox (its call count starts over).
        var response = await EventAsync(busy, first, "main", "click");
        Assert.Equal(2, response.State!["clicks"]!.GetValue<int>());
        Assert.Equal(["clicks 2 calls 2"], await RenderTextsAsync(busy, first, "main"));

        // The other workspace's instance lost its sandbox too (the silo's least recently used) and answers as well.
        Assert.Equal(2, (await EventAsync(quiet, bystander, "main", "click")).State!["clicks"]!.GetValue<int>());
        Assert.Equal(["clicks 2 calls 2"], await RenderTextsAsync(quiet, bystander, "main"));
        Assert.Equal(1, memory.Held);
    }
}
