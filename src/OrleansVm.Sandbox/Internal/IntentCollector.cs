using Jint.Native;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Backs <c>h.dispatchPluginAction</c> and <c>h.dispatchSharedAction</c>: validates each intent
/// as it is dispatched and snapshots its payload, so later mutation by the script changes nothing.
/// </summary>
internal sealed class IntentCollector(CallBudget budget, SandboxLimits limits)
{
    public const int MaxActionTypeLength = 128;

    /// <summary>
    /// Domain names are at most 64 characters (capabilities.md, the package-id rule), so a longer one can never
    /// name a domain: refusing it here keeps a plugin's megabyte "domain" out of the response, the timeline, the
    /// runtime metrics and the stream, where a denied intent's reason would otherwise copy it (issue 12).
    /// </summary>
    public const int MaxDomainLength = 64;

    public List<PluginIntent> Intents { get; } = [];

    public JsValue DispatchPlugin(JsValue thisValue, JsValue[] args)
    {
        Add(new PluginIntent(PluginIntent.PluginScope, ActionType(HostFunctions.Arg(args, 0)),
            ScriptJson.Payload(budget, limits, HostFunctions.Arg(args, 1)), null));
        return JsValue.Undefined;
    }

    public JsValue DispatchShared(JsValue thisValue, JsValue[] args)
    {
        var domain = HostFunctions.Arg(args, 0);
        if (!domain.IsString() || domain.AsString().Length == 0)
            throw SandboxAbort.Of(SandboxErrorCodes.IntentInvalid, "A shared intent needs a non-empty domain");
        if (domain.AsString().Length > MaxDomainLength)
            throw SandboxAbort.Of(SandboxErrorCodes.IntentInvalid, $"A shared intent's domain must be at most {MaxDomainLength} characters");
        Add(new PluginIntent(PluginIntent.SharedScope, ActionType(HostFunctions.Arg(args, 1)),
            ScriptJson.Payload(budget, limits, HostFunctions.Arg(args, 2)), domain.AsString()));
        return JsValue.Undefined;
    }

    private static string ActionType(JsValue value)
    {
        if (!value.IsString() || value.AsString().Length is 0 or > MaxActionTypeLength)
        {
            throw SandboxAbort.Of(SandboxErrorCodes.IntentInvalid,
                $"actionType must be a non-empty string of at most {MaxActionTypeLength} characters");
        }

        return value.AsString();
    }

    private void Add(PluginIntent intent)
    {
        if (Intents.Count >= limits.MaxIntents)
            throw SandboxAbort.Limit("intents", $"A handler may dispatch at most {limits.MaxIntents} intents");
        Intents.Add(intent);
    }
}
