using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>Issue 12 items 1 and 4: a failing reducer fails its intent with a bounded reason and blocks nothing.</summary>
public abstract partial class GrainScenarios
{
    private const string EchoingDomain = """
        defineDomain({
          initialState: { total: 0 },
          reducers: {
            add: function (state, action) {
              if (typeof action.payload !== 'number') { throw new Error(String(action.payload)); }
              return { total: state.total + action.payload };
            }
          }
        });
        """;

    [Fact]
    public async Task A_reducer_error_echoing_the_payload_is_failed_with_a_bounded_reason_and_later_intents_apply()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await workspace.DefineDomainAsync("tally", EchoingDomain);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        var poisoned = await EventAsync(workspace, tally, "main", "add", new JsonObject { ["n"] = new string('p', 15_000) });
        var failed = poisoned.Dispatches.Single(d => d.Scope == "shared");
        Assert.Equal("failed", failed.Outcome);
        Assert.StartsWith("reducer-error:", failed.Reason);
        Assert.True(failed.Reason!.Length < 300, $"reason of {failed.Reason.Length} characters");

        var next = await EventAsync(workspace, tally, "main", "add", new JsonObject { ["n"] = 2 });
        Assert.Equal("applied", next.Dispatches.Single(d => d.Scope == "shared").Outcome);
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(10);
        Assert.All(timeline, r => Assert.True((r.Reason?.Length ?? 0) < 300));
        Assert.Contains(timeline, r => r.DispatchId == failed.DispatchId && r.Outcome == "failed");
    }
}
