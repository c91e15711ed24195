using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansVm.Telemetry;

/// <summary>A span (when traced) and a duration measurement that both end at <see cref="Dispose"/>.</summary>
public readonly struct TimedSpan(Activity? activity, Histogram<double> duration, KeyValuePair<string, object?> tag) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public void Dispose()
    {
        duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tag);
        activity?.Dispose();
    }
}
