namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Names the instrumented program uses to reach the host. They are not valid JavaScript
/// identifiers, so plugin source cannot declare or shadow them ('with' is rejected), and
/// the globals are defined non-writable and non-configurable.
/// </summary>
internal static class HiddenGlobals
{
    /// <summary>A getter run at each function entry and loop iteration: checks time, memory and stack.</summary>
    public const string Guard = "@guard";

    /// <summary>Builds a fresh, timeout-bounded RegExp for each evaluation of a regex literal.</summary>
    public const string RegExpFactory = "@regexp";
}
