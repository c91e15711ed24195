using OrleansVm.Presets;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains.Tests;

/// <summary>Publishing, workspaces, tokens and custom domains.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task Published_versions_are_immutable_and_must_load()
    {
        var package = Client.GetGrain<IPackageGrain>("tally");

        var first = await PublishTallyAsync();
        var again = await PublishTallyAsync();
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Version.ContentHash, again.Version.ContentHash);
        Assert.Equal(["main"], first.Version.Widgets);
        Assert.Equal("Tally", first.Version.Title);

        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.PackageVersionExists,
            () => package.PublishAsync("1.0.0", TestCode.TallyPlugin + "\n// changed", TestCode.TallyManifest()));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.PackageVersionExists,
            () => package.PublishAsync("1.0.0", TestCode.TallyPlugin, TestCode.TallyManifest(writeTally: false)));
        var syntax = await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.PluginLoadError,
            () => package.PublishAsync("1.0.1", "definePlugin(function (ctx) { return {", PackageManifest.Empty));
        Assert.Contains("line", syntax.Message);
        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.PluginLoadError,
            () => package.PublishAsync("1.0.1", "var x = 1;", PackageManifest.Empty));
        var builtIn = await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.ModuleNotAllowed,
            () => package.PublishAsync("1.0.1", TestCode.TallyPlugin, PackageManifest.Empty with { Modules = [" Math "] }));
        Assert.Equal("\"math\" is a JavaScript built-in and cannot be configured", builtIn.Message);
        var unknown = await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.ModuleNotAllowed,
            () => package.PublishAsync("1.0.1", TestCode.TallyPlugin, PackageManifest.Empty with { Modules = ["fs"] }));
        Assert.Equal("\"fs\" is not a registered native module", unknown.Message);
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.ValidationError,
            () => package.PublishAsync("1.0", TestCode.TallyPlugin, TestCode.TallyManifest()));
        Assert.Equal(["1.0.0"], (await package.GetAsync())!.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task The_latest_version_is_the_highest_by_semantic_version_order()
    {
        var package = Client.GetGrain<IPackageGrain>("tally");
        foreach (var version in new[] { "1.10.0", "1.2.0", "2.0.0-rc.1", "1.9.9", "2.0.0-beta" })
            await package.PublishAsync(version, TestCode.TallyPlugin, TestCode.TallyManifest());

        Assert.Equal("2.0.0-rc.1", (await package.GetVersionAsync(null))!.Version);
        await package.PublishAsync("2.0.0", TestCode.TallyPlugin, TestCode.TallyManifest());
        var details = await package.GetAsync();
        Assert.Equal("2.0.0", details!.LatestVersion);
        Assert.Equal(["1.2.0", "1.9.9", "1.10.0", "2.0.0-beta", "2.0.0-rc.1", "2.0.0"], details.Versions.Select(v => v.Version));
        var listed = Assert.Single(await Client.GetGrain<IPackageCatalogGrain>(IPackageCatalogGrain.Key).ListAsync());
        Assert.Equal("2.0.0", listed.LatestVersion);
        Assert.Null(await Client.GetGrain<IPackageGrain>("nothing").GetAsync());
    }

    [Fact]
    public async Task Workspaces_are_created_once_and_listed()
    {
        var workspace = await NewWorkspaceAsync();
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.WorkspaceExists, () => workspace.CreateAsync());
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.ValidationError, () => Client.GetGrain<IWorkspaceGrain>("Bad_Id").CreateAsync());
        var missing = Client.GetGrain<IWorkspaceGrain>("missing");
        Assert.Null(await missing.GetInfoAsync());
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.WorkspaceNotFound, () => missing.ListInstancesAsync());
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.WorkspaceNotFound, () => missing.CreateTokenAsync());
        Assert.Contains(await Client.GetGrain<IWorkspaceCatalogGrain>(IWorkspaceCatalogGrain.Key).ListAsync(), w => w.WorkspaceId == Ws(workspace));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.PackageNotFound, () => workspace.CreateInstanceAsync("nothing", null));
    }

    [Fact]
    public async Task Client_tokens_are_validated_by_hash_and_revocable()
    {
        var workspace = await NewWorkspaceAsync();
        var other = await NewWorkspaceAsync();
        var created = await workspace.CreateTokenAsync();
        var second = await workspace.CreateTokenAsync();

        Assert.StartsWith($"ovmc_{Ws(workspace)}_{created.TokenId}_", created.Token);
        Assert.True(ClientTokens.TryParse(created.Token, out var parsedWorkspace, out var parsedId));
        Assert.Equal((Ws(workspace), created.TokenId), (parsedWorkspace, parsedId));
        Assert.True(await workspace.ValidateTokenAsync(created.Token));
        Assert.False(await workspace.ValidateTokenAsync(created.Token + "x"));
        Assert.False(await workspace.ValidateTokenAsync(created.Token[..^1] + (created.Token[^1] == 'A' ? 'B' : 'A')));
        Assert.False(await other.ValidateTokenAsync(created.Token));
        Assert.False(await workspace.ValidateTokenAsync("garbage"));

        await workspace.RevokeTokenAsync(created.TokenId);
        Assert.False(await workspace.ValidateTokenAsync(created.Token));
        Assert.True(await workspace.ValidateTokenAsync(second.Token));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.NotFound, () => workspace.RevokeTokenAsync(created.TokenId));
        await RestartSiloAsync();
        Assert.True(await workspace.ValidateTokenAsync(second.Token));
    }

    [Fact]
    public async Task Grants_are_normalized_and_validated()
    {
        var workspace = await NewWorkspaceAsync();
        var stored = await workspace.PutGrantsAsync("tally", new Grants([" Tally ", "tally"], ["COUNTER-SUMMARY"], [" KV ", "kv", "time"]));

        Assert.Equal(new[] { "tally" }, stored.Grants.ReadShared);
        Assert.Equal(new[] { "counter-summary" }, stored.Grants.WriteShared);
        Assert.Equal(new[] { "kv", "time" }, stored.Grants.Modules);
        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.ModuleNotAllowed, () => workspace.PutGrantsAsync("tally", new Grants([], [], ["console"])));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.ValidationError, () => workspace.PutGrantsAsync("tally", new Grants(["a/b"], [], [])));
        var listed = Assert.Single(await workspace.ListGrantsAsync());
        Assert.Equal("tally", listed.PackageId);
        Assert.Equal(["kv", "time"], listed.Grants.Modules);
        var none = await workspace.GetGrantsAsync("other");
        Assert.Empty(none.ReadShared.Concat(none.WriteShared).Concat(none.Modules));
    }

    [Fact]
    public async Task An_operator_defined_domain_is_used_by_a_plugin()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.PluginLoadError, () => workspace.DefineDomainAsync("tally", "defineDomain({ reducers: 1 });"));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.ValidationError, () => workspace.DefineDomainAsync("counter-summary", TestCode.TallyDomain));
        Assert.True(await workspace.DefineDomainAsync("tally", TestCode.TallyDomain));
        Assert.False(await workspace.DefineDomainAsync("tally", TestCode.TallyDomain));
        Assert.Contains(new DomainSummary("tally", false, false), await workspace.ListDomainsAsync());
        var a = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        var b = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        await EventAsync(workspace, a, "main", "add", new System.Text.Json.Nodes.JsonObject { ["n"] = 5 });
        await EventAsync(workspace, b, "main", "add", new System.Text.Json.Nodes.JsonObject { ["n"] = 2 });

        var raw = await DomainStateAsync(workspace, "tally");
        Assert.Equal(7, raw!["total"].AsInt());
        Assert.Equal(2, raw["adds"].AsInt());
        Assert.Equal(b, raw["lastBy"]!.GetValue<string>());
        // Readers get the domain's projection, not the raw state.
        Assert.Contains("\"tally\":{\"total\":7}", (await RenderTextsAsync(workspace, a, "main")).Single(t => t.StartsWith("Shared: ", StringComparison.Ordinal)));
        await RestartSiloAsync();
        Assert.Equal(7, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());
    }

    [Fact]
    public async Task A_package_version_is_parsed_once_per_silo_for_all_its_instances()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var cache = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PluginProgramCache>(SiloServices);
        var before = cache.Count;
        for (var i = 0; i < 3; i++)
        {
            var id = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
            await EventAsync(workspace, id, "counter", "increment");
        }

        Assert.Equal(before, cache.Count); // published (and parsed) once; the instances reuse it
        Assert.Equal(PresetCatalog.PackageIds.Count, cache.Count);
    }
}
