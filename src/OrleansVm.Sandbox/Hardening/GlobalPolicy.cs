namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Built-ins plugins do not get. Plugin state, args and UI trees are JSON, so nothing here is
/// needed, and each is a route Jint's options do not bound: binary buffers allocate their whole
/// size in one native call; BigInt arithmetic runs unboundedly long inside one operation;
/// shared memory and Atomics can block; WeakRef and FinalizationRegistry make behaviour depend on
/// the collector (cleanup callbacks would run outside any call); ShadowRealm evaluates strings.
/// BigInt literals are refused when the program is parsed (see ProgramPolicy).
/// </summary>
internal static class GlobalPolicy
{
    public static readonly IReadOnlyList<string> Removed =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
        "BigInt", "WeakRef", "FinalizationRegistry", "ShadowRealm",
    ];

    public static void Apply(Engine engine)
    {
        var global = engine.Global;
        foreach (var name in Removed) global.RemoveOwnProperty(name);
    }
}
