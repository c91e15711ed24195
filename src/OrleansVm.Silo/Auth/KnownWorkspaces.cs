using System.Collections.Concurrent;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// Workspaces this silo has seen exist. A workspace is never deleted, so once seen it exists for good and
/// the operator's requests skip the workspace grain's existence check (one grain call per request less).
/// Bounded: past <see cref="Capacity"/> names it starts over (the check is then made again).
/// </summary>
public sealed class KnownWorkspaces
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    public bool Contains(string workspaceId) => _known.ContainsKey(workspaceId);

    public void Add(string workspaceId)
    {
        if (_known.Count >= Capacity) _known.Clear();
        _known.TryAdd(workspaceId, 0);
    }
}
