namespace OrleansVm.Sandbox;

/// <summary>
/// An API the host offers to plugins through <c>require(name)</c>. A module builds one plain JS
/// object per sandbox, from host functions over JsValue (see <see cref="NativeModuleBuilder"/>);
/// no .NET object ever reaches the script.
/// </summary>
public abstract class NativeModule
{
    /// <summary>Lower-case name plugins pass to require.</summary>
    public abstract string Name { get; }

    /// <summary>One-line description shown to operators.</summary>
    public abstract string Doc { get; }

    /// <summary>Adds the module's functions and values; called at most once per sandbox, on first require.</summary>
    public abstract void Build(NativeModuleBuilder module);
}
