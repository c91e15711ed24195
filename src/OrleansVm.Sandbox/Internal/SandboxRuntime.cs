using System.Globalization;
using Jint;
using Jint.Native;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// One hardened Jint engine and the per-call discipline around it: each call gets a fresh
/// time and memory budget and a clean call stack, and leaves the engine usable whatever happened.
/// </summary>
internal sealed class SandboxRuntime
{
    private readonly SandboxLimits _limits;

    public SandboxRuntime(SandboxLimits limits)
    {
        _limits = limits;
        Budget = new CallBudget(limits.MaxMemoryBytes, StackBudget.BytesFor(limits.MaxCallDepth));
        Engine = new Engine(options => options
            .LimitRecursion(limits.MaxCallDepth)
            // No Jint TimeoutInterval: it reads DateTime.UtcNow before every statement, and it is
            // redundant, since unbounded execution needs a loop or a call and both run the guard.
            .Culture(CultureInfo.InvariantCulture)
            .LocalTimeZone(TimeZoneInfo.Utc));
        CountTotalDepth();
        Probe = new RetainedSizeProbe(Engine);
        Budget.AttachProbe(Probe);
        Budget.Start(limits.LoadTimeout);
        BuiltinHardening.Apply(Engine, Budget);
        BuiltinCompaction.Apply(Engine);
        ModuleContext = new NativeModuleContext(Engine, Budget, limits);
    }

    public Engine Engine { get; }
    public CallBudget Budget { get; }
    public NativeModuleContext ModuleContext { get; }
    public SandboxLimits Limits => _limits;
    public RetainedSizeProbe Probe { get; }

    // Globals survive calls, so a script can keep a little more on every call. Memory kept across
    // calls is re-measured between calls once the calls since the last look have churned this many
    // limits' worth (a counter plugin churns ~15 KiB a call: a walk every few thousand calls).
    private const long ChurnLimitsBetweenRetainedChecks = 4;
    private long _churnSinceRetainedCheck;
    private long _retainedSeenSinceCheck;

    /// <summary>True when memory kept across calls should be measured before the next call.</summary>
    public bool RetainedCheckDue =>
        _churnSinceRetainedCheck > ChurnLimitsBetweenRetainedChecks * _limits.MaxMemoryBytes
        || _retainedSeenSinceCheck > RetainedRecycleBytes;

    /// <summary>Above this much kept between calls the engine should be rebuilt (a fresh engine keeps ~150 KiB).</summary>
    public long RetainedRecycleBytes => _limits.MaxMemoryBytes / 2;

    /// <summary>Estimates what the engine keeps between calls; restarts the churn count.</summary>
    public long MeasureRetained()
    {
        _churnSinceRetainedCheck = 0;
        _retainedSeenSinceCheck = 0;
        return Probe.Measure(RetainedRecycleBytes, deadline: null);
    }

    /// <summary>Runs one host call; any failure becomes a SandboxException (JS errors get <paramref name="scriptErrorCode"/>).</summary>
    public T Run<T>(TimeSpan timeout, string scriptErrorCode, Func<T> call)
    {
        // Inline on the caller's thread when it has room for the whole stack budget (a thread-pool
        // thread has); otherwise on a dedicated thread, so the depth limit means the same everywhere.
        var remaining = ThreadStack.Remaining();
        if (remaining >= 0 && remaining < StackBudget.RequiredFor(_limits.MaxCallDepth))
            return LargeStackRunner.Run(DedicatedStackBytes, () => RunHere(timeout, scriptErrorCode, call));
        return RunHere(timeout, scriptErrorCode, call);
    }

    private const int DedicatedStackBytes = 16 * 1024 * 1024;

    private T RunHere<T>(TimeSpan timeout, string scriptErrorCode, Func<T> call)
    {
        var contexts = JintInternals.ExecutionContexts(Engine);
        var contextDepth = contexts.Count;
        Prepare(timeout);
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            throw ErrorMapper.Map(ex, scriptErrorCode, Budget);
        }
        finally
        {
            // An exception thrown through Jint can leave its execution contexts and call stack pushed.
            while (contexts.Count > contextDepth) Engine.LeaveExecutionContext();
            Engine.ResetCallStack();
            ModuleContext.Kv = KvStore.Empty;
            _churnSinceRetainedCheck += Math.Max(0, Budget.Churn);
            _retainedSeenSinceCheck = Math.Max(_retainedSeenSinceCheck, Budget.RetainedSeen);
        }
    }

    private void Prepare(TimeSpan timeout)
    {
        // Invoke never resets Jint's counters; every call starts from zero.
        Engine.ResetTimeoutTicks();
        Engine.ResetStatementsCount();
        Engine.ResetCallStack();
        CountTotalDepth();
        Budget.Start(timeout);
    }

    private void CountTotalDepth()
    {
        ref var statistics = ref JintInternals.CallStatistics(JintInternals.CallStack(Engine));
        if (!ReferenceEquals(statistics.Comparer, TotalDepthComparer.Instance))
            statistics = new Dictionary<Jint.Runtime.CallStackElement, int>(TotalDepthComparer.Instance);
    }

    public JsValue Call(JsValue function, JsValue thisValue, params JsValue[] args) =>
        ((Jint.Native.ICallable)function.AsObject()).Call(thisValue, args);
}
