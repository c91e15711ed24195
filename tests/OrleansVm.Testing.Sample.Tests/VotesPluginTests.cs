using System.Text.Json.Nodes;
using OrleansVm.Grains;

namespace OrleansVm.Testing.Sample.Tests;

/// <summary>The `votes` plugin driven through real OrleansVm grains on a TestingHost cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class VotesPluginTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private static string BallotDomain => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins", "ballot.domain.js"));

    private async Task<TestWorkspace> WorkspaceWithBallotAsync()
    {
        var workspace = await Grains.CreateWorkspaceAsync(grantAsRequested: "votes");
        await workspace.DefineDomainAsync("ballot", BallotDomain);
        return workspace;
    }

    [Fact]
    public async Task Votes_of_several_instances_meet_in_the_shared_ballot()
    {
        var workspace = await WorkspaceWithBallotAsync();
        var alice = await workspace.CreateInstanceAsync("votes");
        var bob = await workspace.CreateInstanceAsync("votes");

        var response = await alice.SendEventAsync("main", "vote", new JsonObject { ["name"] = "ada" });
        await bob.SendEventAsync("main", "vote", new JsonObject { ["name"] = "ada" });
        await bob.SendEventAsync("main", "vote", new JsonObject { ["name"] = "grace" });

        Assert.Equal(["applied", "applied"], response.Dispatches.Select(d => d.Outcome));
        var ballot = await workspace.ReadDomainAsync("ballot");
        Assert.Equal(2, ballot!["byName"]!["ada"]!.GetValue<int>());
        Assert.Equal(1, ballot["byName"]!["grace"]!.GetValue<int>());
        Assert.Contains("Total votes: 3", await alice.RenderTextsAsync("main"));
        Assert.Contains("My votes: 2", await bob.RenderTextsAsync("main"));
    }

    [Fact]
    public async Task Without_a_write_grant_the_vote_is_denied_and_the_ballot_untouched()
    {
        var workspace = await WorkspaceWithBallotAsync();
        await workspace.GrantAsync("votes", new Grants(["ballot"], [], []));
        var instance = await workspace.CreateInstanceAsync("votes");

        var response = await instance.SendEventAsync("main", "vote", new JsonObject { ["name"] = "ada" });

        var shared = Assert.Single(response.Dispatches, d => d.Scope == "shared");
        Assert.Equal("denied", shared.Outcome);
        Assert.Equal(0, (await workspace.ReadDomainAsync("ballot"))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Instances_are_listed_and_their_console_is_kept()
    {
        var workspace = await WorkspaceWithBallotAsync();
        var instance = await workspace.CreateInstanceAsync("votes");
        await instance.SendEventAsync("main", "vote", new JsonObject { ["name"] = "ada" });

        Assert.Contains(await workspace.ListInstancesAsync(), i => i.InstanceId == instance.Id);
        Assert.Contains(await instance.LogsAsync(), line => line.Message.Contains("voted for ada"));
        Assert.Equal(1, (await instance.GetStateAsync())!["mine"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_preset_runs_next_to_the_plugin_under_test()
    {
        await Grains.PublishPresetAsync("counter");
        var workspace = await Grains.CreateWorkspaceAsync(grantAsRequested: "counter");
        var counter = await workspace.CreateInstanceAsync("counter");

        await counter.SendEventAsync("counter", "increment");

        Assert.Equal(1, (await workspace.ReadDomainAsync("counter-summary"))!["totalValue"]!.GetValue<int>());
    }
}
