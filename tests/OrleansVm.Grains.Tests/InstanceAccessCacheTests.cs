namespace OrleansVm.Grains.Tests;

/// <summary>The instance's grant cache: kept across turns, dropped by an invalidation, never refilled by a lookup that raced one.</summary>
public sealed class InstanceAccessCacheTests
{
    private static readonly InstanceAccess Writer = Access(["tally"]);
    private static readonly InstanceAccess Reader = Access([]);

    private static InstanceAccess Access(IReadOnlyList<string> write) =>
        new(new InstanceRegistration("tally@abcdefgh", "tally", "1.0.0", "Tally", ["main"], "active", true, DateTimeOffset.UnixEpoch),
            new Grants(["tally"], write, []));

    [Fact]
    public async Task A_cached_access_is_used_until_invalidated()
    {
        var cache = new InstanceAccessCache();
        var lookups = 0;
        Task<InstanceAccess?> Lookup() => Task.FromResult<InstanceAccess?>(++lookups == 1 ? Writer : Reader);

        Assert.Same(Writer, await cache.GetAsync(Lookup));
        Assert.Same(Writer, await cache.GetAsync(Lookup));
        Assert.Equal(1, lookups);

        cache.Invalidate();
        Assert.Same(Reader, await cache.GetAsync(Lookup));
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task A_lookup_in_flight_across_an_invalidation_serves_its_turn_but_is_not_kept()
    {
        var cache = new InstanceAccessCache();
        var inFlight = new TaskCompletionSource<InstanceAccess?>();
        var turn = cache.GetAsync(() => inFlight.Task);

        cache.Invalidate(); // the revoke lands while the workspace's (old) answer is on its way
        inFlight.SetResult(Writer);

        Assert.Same(Writer, await turn);
        var fresh = 0;
        Assert.Same(Reader, await cache.GetAsync(() => { fresh++; return Task.FromResult<InstanceAccess?>(Reader); }));
        Assert.Equal(1, fresh);
    }

    [Fact]
    public async Task An_unknown_instance_is_not_cached()
    {
        var cache = new InstanceAccessCache();
        var lookups = 0;
        Assert.Null(await cache.GetAsync(() => { lookups++; return Task.FromResult<InstanceAccess?>(null); }));
        Assert.Same(Writer, await cache.GetAsync(() => { lookups++; return Task.FromResult<InstanceAccess?>(Writer); }));
        Assert.Equal(2, lookups);
    }
}
