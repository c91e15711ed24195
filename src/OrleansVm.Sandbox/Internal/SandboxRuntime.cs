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
            .TimeoutInterval(limits.LoadTimeout)
            .Culture(CultureInfo.InvariantCulture)
            .LocalTimeZone(TimeZoneInfo.Utc));
        CountTotalDepth();
        Budget.Start(limits.LoadTimeout);
        BuiltinHardening.Apply(Engine, Budget);
        ModuleContext = new NativeModuleContext(Engine, Budget, limits);
    }

    public Engine Engine { get; }
    public CallBudget Budget { get; }
    public NativeModuleContext ModuleContext { get; }
    public SandboxLimits Limits => _limits;

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
        }
    }

    private void Prepare(TimeSpan timeout)
    {
        // Invoke never resets Jint's counters; every call starts from zero.
        JintInternals.Options(Engine).TimeoutInterval(timeout);
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
