using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.CallStack;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Environments;
using Jint.Runtime.Interop;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Private fields of Jint 2.10.4 (pinned) the sandbox needs to close its gaps.</summary>
internal static class JintInternals
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_statistics")]
    public static extern ref Dictionary<CallStackElement, int> CallStatistics(JintCallStack stack);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_stack")]
    public static extern ref Stack<CallStackElement> CallStackItems(JintCallStack stack);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "CallStack")]
    public static extern ref JintCallStack CallStack(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_executionContexts")]
    public static extern ref Stack<Jint.Runtime.Environments.ExecutionContext> ExecutionContexts(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_func")]
    public static extern ref Func<JsValue, JsValue[], JsValue> Body(ClrFunctionInstance function);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Properties")]
    public static extern IDictionary<string, PropertyDescriptor> OwnProperties(Jint.Native.Object.ObjectInstance obj);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_array")]
    public static extern ref IDictionary<uint, PropertyDescriptor> ArrayElements(Jint.Native.Array.ArrayInstance array);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_bindings")]
    public static extern ref IDictionary<string, Binding> Bindings(DeclarativeEnvironmentRecord record);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_bindingObject")]
    public static extern ref Jint.Native.Object.ObjectInstance BindingObject(ObjectEnvironmentRecord record);
}
