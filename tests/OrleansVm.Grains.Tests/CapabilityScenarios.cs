using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>Grants, checked in depth: the instance, the domain, the projection.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task Without_a_write_grant_a_plugin_cannot_change_a_domain_and_the_timeline_shows_the_denial()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync();
        await workspace.PutGrantsAsync("counter", new Grants(["counter-summary"], [], []));
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;

        var response = await EventAsync(workspace, counter, "counter", "increment");

        var shared = response.Dispatches.Single(d => d.Scope == "shared");
        Assert.Equal("denied", shared.Outcome);
        Assert.Equal("missing-write-grant:counter-summary", shared.Reason);
        Assert.Equal(1, response.State!["value"].AsInt()); // the event itself succeeds
        Assert.Equal(0, (await DomainStateAsync(workspace, "counter-summary"))!["totalValue"].AsInt());
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(10);
        Assert.Equal("denied", timeline[0].Outcome);
        Assert.Equal("missing-write-grant:counter-summary", timeline[0].Reason);
        Assert.Equal("counter-summary", timeline[0].Domain);
        Assert.Equal(shared.DispatchId, timeline[0].DispatchId);
        var metrics = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetMetricsAsync();
        Assert.Equal("denied", metrics.LastOutcome);
        Assert.Equal(2, metrics.DispatchCount);
    }

    [Fact]
    public async Task Without_read_grants_a_plugin_sees_an_empty_shared_and_only_itself()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync();
        await DefineTallyDomainAsync(workspace);
        await workspace.PutGrantsAsync("tally", new Grants([], ["tally"], ["kv"]));
        var tally = await workspace.CreateInstanceAsync("tally", null);

        var texts = await RenderTextsAsync(workspace, tally.InstanceId, "main");

        Assert.Contains("Shared: {}", texts);
        Assert.Contains($"Self: {{\"instanceId\":\"{tally.InstanceId}\",\"packageId\":\"tally\",\"workspaceId\":\"{Ws(workspace)}\"}}", texts);
        Assert.Empty(tally.Grants.ReadShared);
    }

    [Fact]
    public async Task The_effective_grant_is_the_manifest_request_intersected_with_the_workspace_grant()
    {
        await PublishTallyAsync(manifest: new PackageManifest(null, null, new CapabilityRequest(["tally"], ["tally"]), ["kv"]));
        var workspace = await NewWorkspaceAsync();
        await DefineTallyDomainAsync(workspace);
        // The workspace grants more than asked (counter-summary, crypto) and the manifest asks for more than granted (kv).
        await workspace.PutGrantsAsync("tally", new Grants(["tally", "counter-summary"], [" TALLY ", "counter-summary"], ["crypto", "time"]));

        var view = await workspace.CreateInstanceAsync("tally", null);

        Assert.Equal(["tally"], view.Grants.ReadShared);
        Assert.Equal(["tally"], view.Grants.WriteShared);
        Assert.Empty(view.Grants.Modules);
        Assert.Equal(["tally"], (await Instance(view.InstanceId).GetAsync(Ws(workspace))).Grants.WriteShared);
        var listed = Assert.Single(await workspace.ListInstanceAccessAsync());
        Assert.Equal((view.InstanceId, "tally"), (listed.Registration.InstanceId, Assert.Single(listed.Grants.ReadShared)));
        // kv is not granted: render requires it and fails with a plugin runtime error, not a server fault.
        var error = await ThrowsCodeAsync<OrleansVm.Sandbox.SandboxException>("PLUGIN_RUNTIME_ERROR",
            () => Instance(view.InstanceId).RenderAsync(Ws(workspace), "main"));
        Assert.Contains("\"kv\" is not enabled", error.Message);
    }

    [Fact]
    public async Task A_grant_change_applies_on_the_next_call()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        Assert.Equal("applied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome);
        Assert.Contains("Shared: {\"counter-summary\":{\"totalValue\":0,\"instanceCount\":0,\"lastUpdatedInstanceId\":null},\"tally\":{\"total\":1}}",
            await RenderTextsAsync(workspace, tally, "main"));

        await workspace.PutGrantsAsync("tally", new Grants(["counter-summary"], [], ["kv"]));

        var denied = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];
        Assert.Equal("denied", denied.Outcome);
        Assert.Equal("missing-write-grant:tally", denied.Reason);
        var sharedLine = (await RenderTextsAsync(workspace, tally, "main")).Single(t => t.StartsWith("Shared: ", StringComparison.Ordinal));
        Assert.DoesNotContain("\"tally\"", sharedLine);
        Assert.Contains("\"counter-summary\"", sharedLine);
        Assert.Equal(1, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());

        await workspace.PutGrantsAsync("tally", new Grants(["tally"], ["tally"], ["kv"]));
        Assert.Equal("applied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome);
        Assert.Equal(2, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());
    }

    [Fact]
    public async Task Shared_outcomes_follow_the_spec_order_and_reasons()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        async Task<DispatchResult> Shared(string handler) => (await EventAsync(workspace, tally, "main", handler)).Dispatches.Single(d => d.Scope == "shared");

        Assert.Equal(("ignored", "unsupported-domain:no-such-domain"), Pair(await Shared("toMissing")));
        Assert.Equal(("ignored", "read-only-domain:runtime-registry"), Pair(await Shared("toRegistry")));
        Assert.Equal(("ignored", "unsupported-action:tally/nope"), Pair(await Shared("unknownAction")));
        var failed = await Shared("bad");
        Assert.Equal("failed", failed.Outcome);
        Assert.StartsWith("reducer-error:", failed.Reason);
        Assert.Contains("payload must be a number", failed.Reason);
        Assert.Equal(("applied", null), Pair(await Shared("toCounter")));
        Assert.Equal(0, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());

        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200);
        Assert.Equal(["applied", "failed", "ignored", "ignored", "ignored"], timeline.Select(t => t.Outcome));
    }

    private static (string, string?) Pair(DispatchResult d) => (d.Outcome, d.Reason);

    [Fact]
    public async Task An_instance_asked_through_another_workspace_is_not_found()
    {
        await PublishPresetsAsync();
        var mine = await NewWorkspaceAsync("counter");
        var other = await NewWorkspaceAsync("counter");
        var counter = (await mine.CreateInstanceAsync("counter", null)).InstanceId;

        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(counter).GetAsync(Ws(other)));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(counter).RenderAsync(Ws(other), "counter"));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => EventAsync(other, counter, "counter", "increment"));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(counter).GetLogsAsync(Ws(other)));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => other.RemoveInstanceAsync(counter));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance("counter@AAAAAAAA").GetAsync(Ws(mine)));
        // Only its workspace may create or remove it.
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(counter).RemoveAsync(Ws(mine)));
        Assert.Null(await other.FindInstanceAsync(counter));
        Assert.Empty(await other.ListInstancesAsync());
        Assert.Equal("active", (await Instance(counter).GetAsync(Ws(mine))).Status);
    }

    [Fact]
    public async Task A_forged_domain_key_cannot_reach_another_workspace()
    {
        await PublishTallyAsync();
        var attacker = await NewWorkspaceAsync("tally");
        var victim = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(attacker);
        await DefineTallyDomainAsync(victim);
        var tally = (await attacker.CreateInstanceAsync("tally", null)).InstanceId;
        var victimTally = (await victim.CreateInstanceAsync("tally", null)).InstanceId;
        await EventAsync(victim, victimTally, "main", "add");

        // The instance is tricked into sending to (and reading from) the victim's domain.
        Forger.Forge = (_, domain) => DomainKeys.Of(Ws(victim), domain);
        var response = await EventAsync(attacker, tally, "main", "add");
        var texts = await RenderTextsAsync(attacker, tally, "main");
        Forger.Forge = null;

        Assert.Equal("denied", response.Dispatches[1].Outcome);
        Assert.Equal("missing-write-grant:tally", response.Dispatches[1].Reason);
        Assert.Contains("Shared: {}", texts);
        Assert.Equal(1, (await DomainStateAsync(victim, "tally"))!["total"].AsInt());
    }

    [Fact]
    public async Task A_domain_refuses_callers_that_are_not_that_registered_instance()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        var key = DomainKeys.Of(Ws(workspace), "tally");
        var domain = Client.GetGrain<ISharedDomainGrain>(key);

        // An external caller, and another grain type naming a registered instance in the dispatch.
        var external = await domain.ApplyAsync(new SharedDispatch($"{tally}#1", tally, 1, "add", JsonValue.Create(5), DateTimeOffset.UtcNow));
        var forged = await Client.GetGrain<IForgerGrain>(tally).ApplyAsAsync(key, tally);

        Assert.Equal("denied", external.Outcome);
        Assert.Equal("denied", forged.Outcome);
        Assert.Null(await domain.GetProjectionAsync());
        Assert.Null(await Client.GetGrain<IForgerGrain>(tally).ReadAsync(key));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.NotFound, () => domain.DefineAsync(TestCode.TallyDomain));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.NotFound, () => domain.ForgetInstanceAsync(tally));
        Assert.Equal(0, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());
    }

    [Fact]
    public async Task A_revoked_write_grant_stops_a_pending_intent_at_the_domain()
    {
        var (workspace, tally) = await TallySetupAsync();
        await EventAsync(workspace, tally, "main", "add"); // the domain now knows (and caches) this writer
        Faults.FailNextDeliveries(int.MaxValue);
        var pending = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];
        Assert.Equal("pending", pending.Outcome);

        await workspace.PutGrantsAsync("tally", new Grants(["tally"], [], ["kv"])); // write revoked while the intent waits
        Faults.FailNextDeliveries(0);

        await Testing.OrleansVmTesting.EventuallyAsync(async () => (await SharedTimelineAsync(workspace)).Any(r => r.DispatchId == pending.DispatchId),
            "the retried intent is decided");
        var decided = (await SharedTimelineAsync(workspace)).Single(r => r.DispatchId == pending.DispatchId);
        Assert.Equal(("denied", "missing-write-grant:tally"), (decided.Outcome, decided.Reason));
        Assert.Equal(1, await TotalAsync(workspace));
    }
}
