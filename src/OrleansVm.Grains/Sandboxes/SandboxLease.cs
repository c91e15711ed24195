using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// One instance activation's hold on its sandbox, accounted by <see cref="SandboxMemory"/>. The
/// activation keeps no other reference to the sandbox, so an eviction (from any thread, whatever
/// turn is running) only clears <see cref="Sandbox"/>: the sandbox object is never touched by
/// another turn, a call in flight finishes on it, and the next call loads a fresh one. A sandbox
/// is a cache: the instance's state, kv and outbox are grain state, only JS globals are lost.
/// </summary>
public sealed class SandboxLease
{
    private readonly SandboxMemory _memory;
    private PluginSandbox? _sandbox;

    internal SandboxLease(SandboxMemory memory, string instanceId, string workspaceId)
    {
        _memory = memory;
        InstanceId = instanceId;
        WorkspaceId = workspaceId;
    }

    public string InstanceId { get; }

    public string WorkspaceId { get; }

    /// <summary>The sandbox held, or null before a load and after an eviction.</summary>
    public PluginSandbox? Sandbox => Volatile.Read(ref _sandbox);

    /// <summary>How many times the budget took this instance's sandbox away.</summary>
    public int Evictions { get; internal set; }

    /// <summary>The bytes accounted for it now (the sandbox's <see cref="PluginSandbox.KeptBytes"/> at its last call).</summary>
    public long Accounted { get; internal set; }

    // LRU order: the memory's use counter at the last load or call.
    internal long LastUse { get; set; }

    internal bool Released { get; set; }

    /// <summary>Holds a freshly loaded sandbox (replacing any other) and accounts for it; may evict others.</summary>
    public void Hold(PluginSandbox sandbox) => _memory.Hold(this, sandbox);

    /// <summary>Runs a call on <paramref name="sandbox"/>, then accounts for what it keeps now (also when the call failed).</summary>
    public T Run<T>(PluginSandbox sandbox, Func<PluginSandbox, T> call)
    {
        try
        {
            return call(sandbox);
        }
        finally
        {
            _memory.Used(this, sandbox);
        }
    }

    /// <summary>Gives the sandbox up for good (the instance was removed or its activation ends).</summary>
    public void Release() => _memory.Release(this);

    internal void Set(PluginSandbox? sandbox) => Volatile.Write(ref _sandbox, sandbox);
}
