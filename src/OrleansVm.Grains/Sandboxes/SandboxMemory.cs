using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// What the silo's plugin sandboxes keep between calls, and whose sandboxes go when it is too much
/// (issue 12, item 3). Each held sandbox is accounted at its <see cref="PluginSandbox.KeptBytes"/>, an
/// upper bound of what it keeps (itself at most <see cref="SandboxLimits.MaxKeptBytes"/>). After every load
/// and call, when all sandboxes account for more than <see cref="Budget"/> and the managed heap really is
/// over it too, sandboxes are dropped until the accounting is within the budget:
/// <list type="number">
/// <item>first those of workspaces accounting for more than <see cref="PerWorkspace"/>, least recently used
/// first, each workspace down to its quota: a tenant hoarding memory pays before the others;</item>
/// <item>then the silo's least recently used, whoever they belong to.</item>
/// </list>
/// The heap check keeps the bounds' pessimism (they count garbage, so a busy benign sandbox may account
/// for megabytes while keeping ~100 KiB) from evicting anything in a silo that is not short of memory;
/// the bounds keep what sandboxes really keep within the budget when it is. The sandbox in use (just
/// loaded or called) is never the one evicted for it. An evicted instance keeps its activation and its
/// state; its next call loads a fresh sandbox (its JS globals start over).
/// </summary>
public sealed class SandboxMemory
{
    private readonly object _sync = new();
    private readonly HashSet<SandboxLease> _leases = [];
    private readonly Dictionary<string, long> _byWorkspace = new(StringComparer.Ordinal);
    private readonly IManagedHeap _heap;
    private long _clock;
    private long _accounted;
    private long _evictions;

    public SandboxMemory(OrleansVmOptions options, IManagedHeap? heap = null)
    {
        _heap = heap ?? GcManagedHeap.Instance;
        Budget = options.SandboxMemoryBudget > 0 ? options.SandboxMemoryBudget : DefaultBudget();
        PerWorkspace = options.SandboxMemoryPerWorkspace > 0 ? options.SandboxMemoryPerWorkspace : Math.Max(MinimumPerWorkspace, Budget / 4);
    }

    private const long MinimumBudget = 256L * 1024 * 1024;
    private const long MinimumPerWorkspace = 64L * 1024 * 1024;

    /// <summary>What all sandboxes of the silo may account for while the managed heap is over it too.</summary>
    public long Budget { get; }

    /// <summary>A workspace's share of <see cref="Budget"/>: past it, its sandboxes are the first to go under pressure.</summary>
    public long PerWorkspace { get; }

    /// <summary>What all held sandboxes account for now.</summary>
    public long Accounted
    {
        get { lock (_sync) return _accounted; }
    }

    /// <summary>How many sandboxes were evicted since the silo started.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>How many sandboxes are held now.</summary>
    public int Held
    {
        get { lock (_sync) return _leases.Count(l => l.Sandbox is not null); }
    }

    /// <summary>What <paramref name="workspaceId"/>'s sandboxes account for now.</summary>
    public long AccountedFor(string workspaceId)
    {
        lock (_sync) return _byWorkspace.GetValueOrDefault(workspaceId);
    }

    /// <summary>A lease for one instance activation; it holds nothing until <see cref="SandboxLease.Hold"/>.</summary>
    public SandboxLease Lease(string instanceId, string workspaceId) => new(this, instanceId, workspaceId);

    // A quarter of what the GC may use (the machine's or the container's memory), at least 256 MiB.
    private static long DefaultBudget() => Math.Max(MinimumBudget, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    internal void Hold(SandboxLease lease, PluginSandbox sandbox)
    {
        List<SandboxLease>? evicted;
        lock (_sync)
        {
            if (lease.Released) return;
            lease.Set(sandbox);
            _leases.Add(lease);
            Account(lease, sandbox.KeptBytes);
            evicted = Enforce(lease);
        }
        Count(evicted);
    }

    internal void Used(SandboxLease lease, PluginSandbox sandbox)
    {
        List<SandboxLease>? evicted;
        lock (_sync)
        {
            // Evicted or replaced meanwhile: the call's sandbox is no longer held, nothing to account.
            if (!ReferenceEquals(lease.Sandbox, sandbox)) return;
            Account(lease, sandbox.KeptBytes);
            evicted = Enforce(lease);
        }
        Count(evicted);
    }

    internal void Release(SandboxLease lease)
    {
        lock (_sync)
        {
            lease.Released = true;
            Drop(lease);
        }
    }

    private void Account(SandboxLease lease, long bytes)
    {
        Change(lease, bytes - lease.Accounted);
        lease.Accounted = bytes;
        lease.LastUse = ++_clock;
    }

    private void Change(SandboxLease lease, long delta)
    {
        _accounted += delta;
        var total = _byWorkspace.GetValueOrDefault(lease.WorkspaceId) + delta;
        if (total == 0) _byWorkspace.Remove(lease.WorkspaceId);
        else _byWorkspace[lease.WorkspaceId] = total;
    }

    private void Drop(SandboxLease lease)
    {
        if (!_leases.Remove(lease)) return;
        Change(lease, -lease.Accounted);
        lease.Accounted = 0;
        lease.Set(null);
    }

    private List<SandboxLease>? Enforce(SandboxLease inUse)
    {
        if (_accounted <= Budget || _heap.Bytes <= Budget) return null;
        List<SandboxLease>? evicted = null;
        // Workspaces over their quota pay first, least recently used sandbox first, down to their quota...
        foreach (var lease in LeastRecentlyUsed(inUse))
        {
            if (_accounted <= Budget) return evicted;
            if (_byWorkspace.GetValueOrDefault(lease.WorkspaceId) > PerWorkspace) Evict(lease, ref evicted);
        }
        // ...then, if that was not enough, the silo's least recently used, whoever they belong to.
        foreach (var lease in LeastRecentlyUsed(inUse))
        {
            if (_accounted <= Budget) break;
            Evict(lease, ref evicted);
        }
        return evicted;
    }

    private List<SandboxLease> LeastRecentlyUsed(SandboxLease inUse) =>
        [.. _leases.Where(l => l != inUse).OrderBy(l => l.LastUse)];

    private void Evict(SandboxLease lease, ref List<SandboxLease>? evicted)
    {
        Drop(lease);
        lease.Evictions++;
        (evicted ??= []).Add(lease);
    }

    private void Count(List<SandboxLease>? evicted)
    {
        if (evicted is not null) Interlocked.Add(ref _evictions, evicted.Count);
    }
}
