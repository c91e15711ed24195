namespace OrleansVm.Grains;

/// <summary>
/// An instance's registration and effective grant as its workspace last said, kept across turns so an
/// event does not ask the workspace every time. The workspace calls the instance's
/// <see cref="IPluginInstanceGrain.InvalidateAccessAsync"/> (which interleaves with a running turn) whenever
/// the grant changes, so a revoked grant applies from the next turn. A lookup that was in flight across an
/// invalidation is used by its own turn but not kept (the epoch moved): it may predate the change.
/// </summary>
public sealed class InstanceAccessCache
{
    private InstanceAccess? _access;
    private long _epoch;

    public async Task<InstanceAccess?> GetAsync(Func<Task<InstanceAccess?>> lookup)
    {
        if (_access is { } cached) return cached;
        var epoch = _epoch;
        var access = await lookup();
        if (access is not null && epoch == _epoch) _access = access; // an unknown instance is not cached
        return access;
    }

    public void Invalidate()
    {
        _access = null;
        _epoch++;
    }
}
