using System.Net;
using System.Text.Json.Nodes;
using OrleansVm.Client.Models;

namespace OrleansVm.Client.Tests;

public sealed class WorkspaceAndInstanceTests(ClientSiloFixture fixture) : IClassFixture<ClientSiloFixture>
{
    private const string ItemsDomain = """
        defineDomain({
          initialState: { items: [] },
          reducers: { 'item-added': function (state, action) { return { items: state.items.concat([action.payload]) }; } }
        });
        """;

    private async Task<(string Ws, OrleansVmClient Client, CreatedToken Token)> WorkspaceWithClientAsync()
    {
        using var op = fixture.Client();
        var ws = ClientSiloFixture.NewId("sdk");
        await op.CreateWorkspaceAsync(ws);
        var token = await op.CreateTokenAsync(ws);
        await op.PutGrantsAsync(ws, "counter", new Grants(["counter-summary"], ["counter-summary"], []));
        return (ws, fixture.Client(token.Token), token);
    }

    [Fact]
    public async Task Workspaces_tokens_grants_and_domains()
    {
        using var op = fixture.Client();
        var ws = ClientSiloFixture.NewId("sdk");

        var created = await op.CreateWorkspaceAsync(ws);
        var exists = await Assert.ThrowsAsync<OrleansVmApiException>(() => op.CreateWorkspaceAsync(ws));
        var workspaces = await op.ListWorkspacesAsync();
        var token = await op.CreateTokenAsync(ws);
        var grants = await op.PutGrantsAsync(ws, "greeter", new Grants(["greeter-profile"], ["greeter-profile"], [" Time "]));
        var allGrants = await op.ListGrantsAsync(ws);
        var domain = await op.DefineDomainAsync(ws, "items", ItemsDomain);
        var domains = await op.ListDomainsAsync(ws);
        var state = await op.GetDomainAsync(ws, "items");
        await op.RevokeTokenAsync(ws, token.TokenId);
        var revokedAgain = await Assert.ThrowsAsync<OrleansVmApiException>(() => op.RevokeTokenAsync(ws, token.TokenId));

        Assert.Equal(ws, created.WorkspaceId);
        Assert.NotEqual(default, created.CreatedAt);
        Assert.Equal((HttpStatusCode.Conflict, "WORKSPACE_EXISTS"), (exists.Status, exists.Code));
        Assert.Contains(workspaces, w => w.WorkspaceId == ws);
        Assert.False(string.IsNullOrEmpty(token.Token));
        Assert.Equal(["time"], grants.Modules);
        Assert.Equal("greeter", Assert.Single(allGrants).PackageId);
        Assert.Equal(new DomainSummary("items", false, false), domain);
        Assert.Contains(domains, d => d is { Domain: "counter-summary", BuiltIn: true });
        Assert.Empty(state.State!["items"]!.AsArray());
        Assert.Equal("NOT_FOUND", revokedAgain.Code);
    }

    [Fact]
    public async Task Instances_render_handle_events_log_and_go_away()
    {
        var (ws, client, _) = await WorkspaceWithClientAsync();
        using var owned = client;

        var created = await client.CreateInstanceAsync(ws, "counter");
        var pinned = await client.CreateInstanceAsync(ws, "counter", "1.0.0");
        var list = await client.ListInstancesAsync(ws);
        var before = await client.RenderAsync(ws, created.InstanceId, "counter");
        var outcome = await client.SendEventAsync(ws, created.InstanceId, "counter", "increment");
        var after = await client.GetInstanceAsync(ws, created.InstanceId);
        var logs = await client.GetLogsAsync(ws, created.InstanceId);
        var timeline = await client.GetTimelineAsync(ws, limit: 1);
        await client.DeleteInstanceAsync(ws, pinned.InstanceId);
        var gone = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.GetInstanceAsync(ws, pinned.InstanceId));

        Assert.Equal(["counter-summary"], created.Grants.WriteShared);
        Assert.Equal(2, list.Count);
        Assert.Contains("Counter: 0", before.Tree.ToJsonString());
        Assert.Contains(outcome.Dispatches, d => d is { Scope: "shared", Domain: "counter-summary", Outcome: "applied" });
        Assert.Equal(1, after.State!["value"]!.GetValue<int>());
        Assert.Equal("active", after.Status);
        Assert.NotNull(logs);
        Assert.Equal(created.InstanceId, Assert.Single(timeline).InstanceId);
        Assert.Equal((HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND"), (gone.Status, gone.Code));
    }

    [Fact]
    public async Task Event_args_reach_the_plugin()
    {
        using var op = fixture.Client();
        var packageId = ClientSiloFixture.NewId("echo");
        await op.PublishPackageAsync(packageId, "1.0.0", new PublishPackageRequest(Silo.Tests.Plugins.Echo, new PackageManifest("Echo", null, null, null)));
        var (ws, client, _) = await WorkspaceWithClientAsync();
        using var owned = client;
        var instance = await client.CreateInstanceAsync(ws, packageId);

        var outcome = await client.SendEventAsync(ws, instance.InstanceId, "main", "say", new JsonObject { ["text"] = "Ada" });

        Assert.Equal("Ada", outcome.State!["last"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_token_limits_are_typed_errors()
    {
        var (ws, client, _) = await WorkspaceWithClientAsync();
        var (otherWs, other, _) = await WorkspaceWithClientAsync();
        using var a = client;
        using var b = other;

        var forbidden = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.ListWorkspacesAsync());
        var foreign = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.ListInstancesAsync(otherWs));
        var sandbox = await Assert.ThrowsAsync<OrleansVmApiException>(async () =>
        {
            var instance = await client.CreateInstanceAsync(ws, "counter");
            await client.RenderAsync(ws, instance.InstanceId, "no-such-widget");
        });

        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (forbidden.Status, forbidden.Code));
        Assert.Equal((HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND"), (foreign.Status, foreign.Code));
        Assert.Equal((HttpStatusCode.NotFound, "WIDGET_NOT_FOUND"), (sandbox.Status, sandbox.Code));
    }
}
