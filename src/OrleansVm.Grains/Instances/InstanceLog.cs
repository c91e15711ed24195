using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// An instance's console: the last <see cref="Capacity"/> lines, kept in a persistent state of
/// their own so they survive a restart without adding to every event's state write. The sandbox
/// writes from inside the grain's turn, so no lock; <see cref="Dirty"/> tells the grain to save.
/// </summary>
internal sealed class InstanceLog(InstanceLogState state, TimeProvider clock) : IPluginLog
{
    public const int Capacity = 200;

    public bool Dirty { get; set; }

    public void Write(string level, string message)
    {
        state.Lines.Add(new LogLine(clock.GetUtcNow(), level, message));
        if (state.Lines.Count > Capacity) state.Lines.RemoveRange(0, state.Lines.Count - Capacity);
        Dirty = true;
    }

    public List<LogLine> Snapshot() => state.Lines.ToList();
}

/// <summary>The stored console of an instance, oldest line first, at most <see cref="InstanceLog.Capacity"/> lines.</summary>
[GenerateSerializer]
public sealed class InstanceLogState
{
    [Id(0)]
    public List<LogLine> Lines { get; set; } = [];
}
