using System.Text;
using OrleansVm.Runtime;
using OrleansVm.Storage;

namespace OrleansVm.Runtime.Tests;

public sealed class StateTests
{
    [Fact]
    public async Task Grain_state_survives_a_silo_restart()
    {
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe);
        var counter = cluster.Client.GetGrain<ICounterGrain>("restart");
        await counter.Increment();
        await counter.Increment();
        var before = await counter.ActivationId();

        await cluster.RestartSiloAsync();

        Assert.NotEqual(before, await counter.ActivationId());
        Assert.Equal(2, await counter.Get());
        Assert.Equal(2, await counter.Etag());
        Assert.Equal(3, await counter.Increment());
    }

    [Fact]
    public async Task State_is_stored_as_json_under_grain_type_and_key()
    {
        var storage = new MemoryGrainStorage();
        var probe = new TestProbe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseStorage(storage));

        await cluster.Client.GetGrain<ICounterGrain>("json").Increment();

        var record = await storage.ReadAsync("counter.state", "json");
        Assert.NotNull(record);
        Assert.Equal(1, record.Etag);
        Assert.Equal("{\"value\":1}", Encoding.UTF8.GetString(record.Json.Span));
    }

    [Fact]
    public async Task Injected_persistent_state_uses_its_named_provider()
    {
        var probe = new TestProbe();
        var named = new MemoryGrainStorage("named");
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureSilo(s => s.AddGrainStorage("named", named)));
        var profile = cluster.Client.GetGrain<IProfileGrain>("p1");

        Assert.False(await profile.Exists());
        Assert.Equal(0, await profile.Etag());
        await profile.SetName("ada");
        await profile.SetName("grace");

        Assert.True(await profile.Exists());
        Assert.Equal(2, await profile.Etag());
        Assert.NotNull(await named.ReadAsync("profile.profile", "p1"));
        Assert.Equal(0, cluster.Storage is MemoryGrainStorage memory ? memory.Count : -1);

        await cluster.RestartSiloAsync();
        var reloaded = await profile.Get();
        Assert.Equal("grace", reloaded.Name);
        Assert.Equal(["ada", "grace"], reloaded.Tags);

        await profile.Clear();
        Assert.False(await profile.Exists());
        Assert.True((await named.ReadAsync("profile.profile", "p1"))!.IsCleared);

        // After a restart the tombstone reads as "no state", and the next write continues from its ETag.
        await cluster.RestartSiloAsync();
        Assert.False(await profile.Exists());
        await profile.SetName("ada");
        Assert.Equal("ada", (await profile.Get()).Name);
    }

    [Fact]
    public async Task Duplicate_activations_lose_no_update()
    {
        // Two silos sharing one storage both activate the same grain, as during a membership change.
        var storage = new MemoryGrainStorage();
        await using var silo1 = Silos.WithStorage(storage);
        await using var silo2 = Silos.WithStorage(storage);
        await silo1.StartAsync();
        await silo2.StartAsync();
        var on1 = silo1.GrainFactory.GetGrain<ICounterGrain>("dup");
        var on2 = silo2.GrainFactory.GetGrain<ICounterGrain>("dup");
        Assert.Equal(0, await on1.Get());
        Assert.Equal(0, await on2.Get());
        var staleActivation = await on2.ActivationId();

        Assert.Equal(1, await on1.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(() => on2.Increment());

        // The stale activation was dropped: the retry reloads fresh state and succeeds.
        Assert.Equal(2, await on2.Increment());
        Assert.NotEqual(staleActivation, await on2.ActivationId());
        await Assert.ThrowsAsync<InconsistentStateException>(() => on1.Increment());
        Assert.Equal(3, await on1.Increment());

        var record = await storage.ReadAsync("counter.state", "dup");
        Assert.Equal(3, record!.Etag);
        Assert.Equal("{\"value\":3}", Encoding.UTF8.GetString(record.Json.Span));
    }
}
