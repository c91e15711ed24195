using Jint.Native.Object;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// A plain object whose host-defined properties are added on first use. Most plugins never touch
/// some host objects (<c>console</c>), and each host function costs ~650 bytes per sandbox. Uses
/// Jint's own lazy-init hook (as its built-in objects do): every own-property access
/// (get, put, define, delete, enumerate, <c>in</c>) runs <see cref="Initialize"/> first,
/// so no script can tell it from an object built eagerly.
/// </summary>
internal sealed class LazyHostObject : ObjectInstance
{
    private Action<ObjectInstance>? _build;

    public LazyHostObject(Engine engine, Action<ObjectInstance> build) : base(engine)
    {
        Prototype = engine.Intrinsics.Object.PrototypeObject;
        _build = build;
    }

    protected override void Initialize()
    {
        if (_build is not { } build) return;
        _build = null; // before building: adding the properties re-enters this method
        build(this);
    }
}
