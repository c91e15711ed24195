using OpenTelemetry.Trace;

namespace OrleansVm.Silo.Telemetry;

/// <summary>
/// Decides for spans without a parent (children follow their parent, see <see cref="ParentBasedSampler"/>). Orleans
/// traces our grain calls through its runtime activity source (our interfaces' namespace starts with "Orleans"), and
/// that source also starts a root span for every call of the runtime's own: membership reads, grain timers, the
/// dashboard's polling. Those are named <c>IInterface/Method</c>; requests (ASP.NET Core) and OrleansVm's spans are
/// not. So roots named like a grain call are dropped, and traces start where work starts: at an HTTP request, or at
/// an OrleansVm span of background work (an outbox retry's storage write).
/// </summary>
public sealed class RequestRootSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name.Contains('/') ? Drop : Keep;
}
