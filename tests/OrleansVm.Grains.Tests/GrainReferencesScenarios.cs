namespace OrleansVm.Grains.Tests;

/// <summary>Issue 14: <c>Ref&lt;T&gt;(key)</c> is Orleans' <c>GetGrain&lt;T&gt;(key)</c> without the per-call type lookup.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task A_reference_by_Ref_names_the_same_grain_and_interface_as_GetGrain_for_every_grain_kind()
    {
        AssertSame(Client.GetGrain<IPackageGrain>("tally"), Client.Ref<IPackageGrain>("tally"));
        AssertSame(Client.GetGrain<IWorkspaceGrain>("ws-a"), Client.Ref<IWorkspaceGrain>("ws-a"));
        AssertSame(Client.GetGrain<IPluginInstanceGrain>("tally@ABCDEFGH"), Client.Ref<IPluginInstanceGrain>("tally@ABCDEFGH"));
        AssertSame(Client.GetGrain<ISharedDomainGrain>("ws-a/tally"), Client.Ref<ISharedDomainGrain>("ws-a/tally"));
        AssertSame(Client.GetGrain<IWorkspaceActivityGrain>("ws-a"), Client.Ref<IWorkspaceActivityGrain>("ws-a"));

        // And it reaches the grain: a package published through one reference is read through the other.
        await PublishTallyAsync();
        Assert.NotNull(await Client.Ref<IPackageGrain>("tally").GetVersionAsync("1.0.0"));
    }

    private static void AssertSame<T>(T byGetGrain, T byRef) where T : IGrainWithStringKey
    {
        var expected = (GrainReference)(object)byGetGrain;
        var actual = (GrainReference)(object)byRef;
        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.InterfaceType, actual.InterfaceType);
        Assert.IsAssignableFrom<T>(byRef);
    }
}
