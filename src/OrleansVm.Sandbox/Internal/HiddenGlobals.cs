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

    /// <summary>
    /// ES5 <c>+</c> done by the host, used where an operand is itself computed (a chain, a call):
    /// such operands are interpreter temporaries the memory walk cannot see, so each step that
    /// would build a big string is pre-checked like a native.
    /// </summary>
    public const string Plus = "@plus";

    /// <summary>Builds a fresh, timeout-bounded RegExp for each evaluation of a regex literal.</summary>
    public const string RegExpFactory = "@regexp";
}
