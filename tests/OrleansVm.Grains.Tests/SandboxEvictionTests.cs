using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 12 item 3 through the grains: an instance whose sandbox was evicted (here by a per-workspace
/// quota that fits a single sandbox) keeps its activation and state, answers its next call on a freshly
/// loaded sandbox (its JS globals start over), and another workspace's sandbox is not touched.
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

    protected override void ConfigureStorage(OrleansVmOptions options)
    {
        options.UseSqlite(_directory.Path);
        options.SandboxMemoryPerWorkspace = 1; // one sandbox per workspace at a time
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

        Assert.Equal(["clicks 0 calls 1"], await RenderTextsAsync(quiet, bystander, "main"));
        await EventAsync(busy, first, "main", "click");
        Assert.Equal(["clicks 1 calls 2"], await RenderTextsAsync(busy, first, "main"));
        var evictions = memory.Evictions;

        // The second instance's sandbox takes the workspace's only room: the first one's goes.
        Assert.Equal(["clicks 0 calls 1"], await RenderTextsAsync(busy, second, "main"));
        Assert.Equal(evictions + 1, memory.Evictions);

        // The first answers its next event correctly: state as saved, a fresh sandbox (its call count starts over).
        var response = await EventAsync(busy, first, "main", "click");
        Assert.Equal(2, response.State!["clicks"]!.GetValue<int>());
        Assert.Equal(["clicks 2 calls 2"], await RenderTextsAsync(busy, first, "main"));

        // The other workspace's sandbox was never touched: its globals go on.
        Assert.Equal(["clicks 0 calls 2"], await RenderTextsAsync(quiet, bystander, "main"));
        Assert.True(memory.AccountedFor(Ws(busy)) > 0);
    }
}
