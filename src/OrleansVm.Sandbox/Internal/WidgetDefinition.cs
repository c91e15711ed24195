using Jint.Native;
using Jint.Native.Object;

namespace OrleansVm.Sandbox.Internal;

/// <summary>A widget as registered at load: its object, its render function and its handlers object.</summary>
internal sealed record WidgetDefinition(ObjectInstance Widget, JsValue Render, ObjectInstance? Handlers);
