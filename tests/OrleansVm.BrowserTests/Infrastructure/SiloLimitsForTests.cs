using System.Globalization;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>
/// Sandbox and API time limits for the silo under test. The defaults (100 ms per render/event) can trip on a
/// loaded machine, so the browser tests raise them; a runaway render still ends, after <see cref="RenderTimeoutMs"/>.
/// </summary>
public sealed record SiloLimitsForTests(int LoadTimeoutMs, int RenderTimeoutMs, int EventTimeoutMs, int GrainCallTimeoutMs)
{
    public static SiloLimitsForTests Generous { get; } = new(LoadTimeoutMs: 5_000, RenderTimeoutMs: 1_000, EventTimeoutMs: 1_000, GrainCallTimeoutMs: 60_000);

    public IEnumerable<string> ToArguments() =>
    [
        "--load-timeout-ms", Format(LoadTimeoutMs),
        "--render-timeout-ms", Format(RenderTimeoutMs),
        "--event-timeout-ms", Format(EventTimeoutMs),
        "--grain-call-timeout-ms", Format(GrainCallTimeoutMs),
        "--shutdown-timeout-seconds", "5",
        "--stream-keep-alive-seconds", "5",
    ];

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
