namespace OrleansVm.Sandbox;

/// <summary>The limits of plugin-contract.md. Defaults are the spec's; a host may lower them.</summary>
public sealed record SandboxLimits
{
    public static SandboxLimits Default { get; } = new();

    public int MaxCodeBytes { get; init; } = 256 * 1024;
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan EventTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
    public long MaxMemoryBytes { get; init; } = 32L * 1024 * 1024;
    public int MaxCallDepth { get; init; } = 256;
    public int MaxTreeNodes { get; init; } = 5000;
    public int MaxTreeBytes { get; init; } = 256 * 1024;
    public int MaxStateBytes { get; init; } = 64 * 1024;
    public int MaxIntents { get; init; } = 64;
    public int MaxArgsBytes { get; init; } = 16 * 1024;
    public int MaxKvBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// The most a plugin's sandbox may keep between calls (its globals and closures), counted as an upper
    /// bound (see <c>PluginSandbox.KeptBytes</c>). Past it, the engine is dropped after the call and rebuilt
    /// for the next one; when a walk of its values proves it really keeps that much, the call fails with
    /// <c>LIMIT_EXCEEDED</c> <c>keptMemory</c>.
    /// </summary>
    public long MaxKeptBytes { get; init; } = 16L * 1024 * 1024;
}
