using System.Globalization;
using Jint.Native;
using Jint.Runtime;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// One Jint engine configured for untrusted code, and the per-call discipline around it: each call
/// gets a fresh time, memory and depth budget, runs its promise jobs before it ends, and leaves the
/// engine usable whatever happened.
/// </summary>
internal sealed class SandboxRuntime
{
    private readonly SandboxLimits _limits;

    public SandboxRuntime(SandboxLimits limits)
    {
        var created = GC.GetAllocatedBytesForCurrentThread();
        _limits = limits;
        Budget = new CallBudget(limits.MaxMemoryBytes, limits.MaxCallDepth);
        var shortestCall = limits.RenderTimeout < limits.EventTimeout ? limits.RenderTimeout : limits.EventTimeout;
        Engine = new Engine(options =>
        {
            options.Culture(CultureInfo.InvariantCulture).LocalTimeZone(TimeZoneInfo.Utc);
            options.LimitMemory(limits.MaxMemoryBytes);
            options.Constraint(Budget);
            // Per function; the total depth is Budget's. Both end the call: neither is catchable.
            options.LimitRecursion(limits.MaxCallDepth);
            // Recursion no counter sees (getters, Proxy traps, natives) ends as a RangeError, not a crash.
            options.Constraints.StackOverflowGuard = true;
            options.DisableStringCompilation();
            options.RegexTimeoutInterval(shortestCall);
            options.MaxArraySize(MaxArrayLength(limits));
            options.MaxJsonParseDepth(limits.MaxCallDepth);
            options.AgentCanSuspend = false;
        });
        Budget.Attach(Engine);
        GlobalPolicy.Apply(Engine);
        NativeGuards.Apply(Engine, Budget, MaxArrayLength(limits));
        ModuleContext = new NativeModuleContext(Engine, Budget, limits);
        KeptBound = GC.GetAllocatedBytesForCurrentThread() - created;
    }

    // An array slot is at least 8 bytes, and most arrays hold objects: no longer array fits the budget.
    private static uint MaxArrayLength(SandboxLimits limits) => (uint)Math.Min(uint.MaxValue - 1L, limits.MaxMemoryBytes / 16);

    public Engine Engine { get; }
    public CallBudget Budget { get; }
    public NativeModuleContext ModuleContext { get; }
    public SandboxLimits Limits => _limits;

    /// <summary>
    /// An upper bound of the bytes this engine keeps between calls: what it allocated to be built plus
    /// what every call since allocated. Nothing a script can reach was allocated elsewhere (calls run
    /// synchronously on one thread, the engine starts no threads), so the bound is never below what is
    /// kept; it counts garbage too, so it only grows until the engine is replaced.
    /// </summary>
    public long KeptBound { get; private set; }

    /// <summary>Runs one host call; any failure becomes a SandboxException (JS errors get <paramref name="scriptErrorCode"/>).</summary>
    public T Run<T>(TimeSpan timeout, string scriptErrorCode, Func<T> call)
    {
        Budget.Start(timeout);
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            // Jobs a failed call queued would otherwise run in the next call, on its budget.
            JintInternals.DiscardJobs(Engine);
            throw ErrorMapper.Map(ex, scriptErrorCode, Budget);
        }
        finally
        {
            Budget.End();
            Engine.Advanced.ResetCallStack();
            ModuleContext.Kv = KvStore.Empty;
            KeptBound += Math.Max(0, Budget.Allocated);
        }
    }

    /// <summary>
    /// Calls a script function, then runs the promise jobs it queued (within the same call and
    /// budget), and returns its result, or a promise's settled value.
    /// </summary>
    public JsValue Call(JsValue function, JsValue thisValue, params JsValue[] args)
    {
        var result = Engine.Invoke(function, thisValue, args);
        RunJobs();
        return Settled(result);
    }

    /// <summary>Runs the script's pending jobs; then checks memory, which Jint checks only before statements.</summary>
    public void RunJobs()
    {
        Engine.Advanced.ProcessTasks();
        Budget.CheckAfterScript();
    }

    private static JsValue Settled(JsValue result)
    {
        if (!result.IsPromise()) return result;
        try
        {
            // Its jobs have all run: a promise still pending now never settles within this call.
            return result.UnwrapIfPromise(PendingPromiseWait);
        }
        catch (PromiseRejectedException rejected)
        {
            throw new JavaScriptException(rejected.RejectedValue);
        }
    }

    private static readonly TimeSpan PendingPromiseWait = TimeSpan.FromMilliseconds(1);
}
