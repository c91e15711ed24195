using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>An instance's console: the last <see cref="Capacity"/> lines, in memory.</summary>
internal sealed class InstanceLog : IPluginLog
{
    public const int Capacity = 200;

    private readonly Queue<LogLine> _lines = new();

    public void Write(string level, string message)
    {
        lock (_lines)
        {
            _lines.Enqueue(new LogLine(DateTimeOffset.UtcNow, level, message));
            if (_lines.Count > Capacity) _lines.Dequeue();
        }
    }

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_lines) return [.. _lines];
    }
}
