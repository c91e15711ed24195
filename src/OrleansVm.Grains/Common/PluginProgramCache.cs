using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// Parsed plugin programs by content hash, one per silo, shared by every instance of a package
/// version (a <see cref="PluginProgram"/> is immutable). Bounded: past its capacity the least
/// recently used entry goes; instances keep the program they already hold.
/// </summary>
public sealed class PluginProgramCache(OrleansVmOptions options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _entries.Count;

    /// <summary>The parsed program of <paramref name="code"/>; parse errors (PLUGIN_LOAD_ERROR, LIMIT_EXCEEDED) are not cached.</summary>
    public PluginProgram Get(string code)
    {
        var hash = Hash(code);
        if (_entries.TryGetValue(hash, out var entry))
        {
            entry.LastUse = Interlocked.Increment(ref _clock);
            return entry.Program;
        }

        var program = PluginProgram.Parse(code, options.Limits);
        _entries[hash] = new Entry(program) { LastUse = Interlocked.Increment(ref _clock) };
        Trim();
        return program;
    }

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private void Trim()
    {
        var capacity = Math.Max(1, options.ProgramCacheCapacity);
        while (_entries.Count > capacity)
        {
            var oldest = _entries.MinBy(e => e.Value.LastUse);
            _entries.TryRemove(oldest.Key, out _);
        }
    }

    private sealed class Entry(PluginProgram program)
    {
        public PluginProgram Program { get; } = program;

        public long LastUse;
    }
}
