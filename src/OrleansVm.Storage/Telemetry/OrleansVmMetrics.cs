using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansVm.Telemetry;

/// <summary>
/// OrleansVm's own instruments (meter <see cref="MeterName"/>), exported with Orleans', ASP.NET Core's and the
/// runtime's at <c>/metrics</c> and over OTLP. Static, like Orleans' own instruments: grains, the sandbox gate and
/// the storage record with one call, without a service to inject. It lives in the storage project because that is
/// the lowest project both the grains and the storage providers reference.
/// Tags stay low-cardinality (kinds and state names, never workspace, instance or domain ids: those go on spans).
/// </summary>
public static class OrleansVmMetrics
{
    public const string MeterName = "OrleansVm";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Events = Meter.CreateCounter<long>(
        "orleansvm.events", "{event}", "Plugin events received by instances.");

    private static readonly Counter<long> Renders = Meter.CreateCounter<long>(
        "orleansvm.renders", "{render}", "Widget renders asked of instances.");

    private static readonly Histogram<double> SandboxDuration = Meter.CreateHistogram<double>(
        "orleansvm.sandbox.duration", "s", "Time a sandbox call (plugin load, render, event) ran, after its wait for a slot.");

    private static readonly Counter<long> LimitHits = Meter.CreateCounter<long>(
        "orleansvm.sandbox.limit_hits", "{hit}", "Sandbox calls stopped by a limit, by kind (time, memory, statements, treeSize, ...).");

    private static readonly Counter<long> Denials = Meter.CreateCounter<long>(
        "orleansvm.dispatch.denials", "{dispatch}", "Shared intents denied for a missing write grant, by where it was decided (instance, domain).");

    private static readonly Histogram<long> OutboxDepth = Meter.CreateHistogram<long>(
        "orleansvm.outbox.depth", "{dispatch}", "Undelivered shared intents of an instance at each delivery pass.");

    private static readonly Counter<long> OutboxRetries = Meter.CreateCounter<long>(
        "orleansvm.outbox.retries", "{pass}", "Delivery passes run again by the retry timer or the outbox reminder.");

    private static readonly Counter<long> OutboxFailures = Meter.CreateCounter<long>(
        "orleansvm.outbox.delivery_failures", "{dispatch}", "Deliveries to a domain that failed; the intent stays in the outbox.");

    private static readonly Histogram<long> StorageBatchSize = Meter.CreateHistogram<long>(
        "orleansvm.storage.batch.size", "{write}", "Writes committed together in one transaction (group commit).");

    private static readonly Histogram<double> StorageCommitDuration = Meter.CreateHistogram<double>(
        "orleansvm.storage.commit.duration", "s", "Time one write transaction took to commit.");

    private static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram<double>(
        "orleansvm.storage.write.duration", "s", "Time a grain waited for its state write (queueing and commit), by state name.");

    public static void EventReceived() => Events.Add(1);

    public static void RenderRequested() => Renders.Add(1);

    /// <param name="outcome"><c>ok</c>, <c>error</c> (the plugin failed) or <c>limit</c>.</param>
    public static void SandboxRan(TimeSpan took, string outcome) =>
        SandboxDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("orleansvm.sandbox.outcome", outcome));

    public static void LimitHit(string kind) => LimitHits.Add(1, new KeyValuePair<string, object?>("orleansvm.limit", kind));

    /// <param name="decidedBy"><c>instance</c> (its grant, before sending) or <c>domain</c> (the domain's own check).</param>
    public static void Denied(string decidedBy) => Denials.Add(1, new KeyValuePair<string, object?>("orleansvm.decided_by", decidedBy));

    public static void OutboxPass(int depth) => OutboxDepth.Record(depth);

    public static void OutboxRetry() => OutboxRetries.Add(1);

    public static void DeliveryFailed() => OutboxFailures.Add(1);

    /// <summary>One committed transaction of <paramref name="batchSize"/> writes that started at <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Committed(int batchSize, long startedTimestamp)
    {
        StorageBatchSize.Record(batchSize);
        StorageCommitDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    /// <summary>Times a grain's state write and traces it as a child of the grain call: dispose when the write ends.</summary>
    public static TimedSpan StorageWrite(string operation, string stateName, string grainId) =>
        new(OrleansVmTracing.Source.StartActivity(operation switch { "write" => "storage write", "clear" => "storage clear", _ => "storage " + operation })?
                .SetTag("orleansvm.state", stateName).SetTag("orleansvm.grain", grainId),
            StorageWriteDuration, new KeyValuePair<string, object?>("orleansvm.state", StateFamily(stateName)));

    /// <summary>
    /// The metric label of a state: numbered records of one family ("domain-journal-0" ... "-1023") share one series,
    /// else every journal slot would be its own time series.
    /// </summary>
    internal static string StateFamily(string stateName)
    {
        var end = stateName.Length;
        while (end > 0 && char.IsAsciiDigit(stateName[end - 1])) end--;
        return end < stateName.Length && end > 1 && stateName[end - 1] == '-' ? stateName[..(end - 1)] : stateName;
    }
}
