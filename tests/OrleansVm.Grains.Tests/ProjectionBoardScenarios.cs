using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>Issue 14: instances read the projection of a domain active on their silo from the silo's board, not by call.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task Instances_read_a_local_domains_projection_without_a_call_and_see_each_others_writes_at_once()
    {
        var (workspace, first) = await TallySetupAsync();
        var second = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        var tallyKey = DomainKeys.Of(Ws(workspace), "tally");
        await EventAsync(workspace, first, "main", "add"); // the domain is active on the (only) silo from here on
        await RenderTextsAsync(workspace, second, "main"); // a reader's first read is a call: the domain checks it
        var readsBefore = Calls.Count(nameof(ISharedDomainGrain.GetProjectionAsync), tallyKey);

        for (var i = 1; i <= 3; i++)
        {
            await EventAsync(workspace, first, "main", "add", new JsonObject { ["n"] = 10 });
            // The other instance's very next render shows it: the board changes before the write's callers hear back.
            var shared = (await RenderTextsAsync(workspace, second, "main")).Single(t => t.StartsWith("Shared: ", StringComparison.Ordinal));
            Assert.Contains($"\"tally\":{{\"total\":{1 + 10 * i}}}", shared);
        }

        Assert.Equal(readsBefore, Calls.Count(nameof(ISharedDomainGrain.GetProjectionAsync), tallyKey));
    }

    [Fact]
    public async Task A_revoked_read_grant_hides_a_local_domains_projection_on_the_next_render()
    {
        var (workspace, tally) = await TallySetupAsync();
        await EventAsync(workspace, tally, "main", "add"); // the tally domain is on the board
        Assert.Contains("\"tally\":{\"total\":1}", string.Join("|", await RenderTextsAsync(workspace, tally, "main")));

        await workspace.PutGrantsAsync("tally", new Grants(["counter-summary"], ["tally"], ["kv"]));

        var shared = (await RenderTextsAsync(workspace, tally, "main")).Single(t => t.StartsWith("Shared: ", StringComparison.Ordinal));
        Assert.DoesNotContain("\"tally\"", shared);
    }
}
