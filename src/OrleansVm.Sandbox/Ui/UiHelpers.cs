using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Ui;

/// <summary>
/// <c>ctx.ui</c>: builders of UI nodes as plain objects. Properties are defined directly, so a
/// plugin's setters on Object.prototype never fire; labels and texts are stringified.
/// </summary>
internal static class UiHelpers
{
    /// <summary>Built on first use of <c>ctx.ui</c>'s properties (nine host functions, ~6 KB per sandbox).</summary>
    public static ObjectInstance Create(Engine engine) => new LazyHostObject(engine, ui => Build(engine, ui));

    private static void Build(Engine engine, ObjectInstance ui)
    {
        Text(ui, "text");
        Text(ui, "badge");
        Container(ui, "row");
        Container(ui, "column");
        Container(ui, "panel");
        HostFunctions.Method(ui, "button", 2, (_, args) =>
            Node(engine, "button", Props(engine, HostFunctions.Arg(args, 1), "label", new JsString(TypeConverter.ToString(HostFunctions.Arg(args, 0))))));
        HostFunctions.Method(ui, "input", 2, (_, args) =>
            Node(engine, "input", Props(engine, HostFunctions.Arg(args, 1), "value", HostFunctions.Arg(args, 0))));
        HostFunctions.Method(ui, "counter", 2, (_, args) =>
            Node(engine, "counter", Props(engine, HostFunctions.Arg(args, 1), "value", HostFunctions.Arg(args, 0))));
        HostFunctions.Method(ui, "table", 2, (_, args) =>
            Node(engine, "table", Props(engine, HostFunctions.Arg(args, 1), "rows", HostFunctions.Arg(args, 0))));
    }

    private static void Text(ObjectInstance ui, string kind) =>
        HostFunctions.Method(ui, kind, 1, (_, args) =>
        {
            var node = Node(ui.Engine, kind);
            HostFunctions.Field(node, "text", new JsString(TypeConverter.ToString(HostFunctions.Arg(args, 0))));
            return node;
        });

    private static void Container(ObjectInstance ui, string kind) =>
        HostFunctions.Method(ui, kind, 1, (_, args) =>
        {
            var node = Node(ui.Engine, kind);
            var children = HostFunctions.Arg(args, 0);
            HostFunctions.Field(node, "children", children.IsArray() ? children : new JsArray(ui.Engine));
            return node;
        });

    private static ObjectInstance Node(Engine engine, string kind, ObjectInstance? props = null)
    {
        var node = new JsObject(engine);
        HostFunctions.Field(node, "kind", new JsString(kind));
        if (props is not null) HostFunctions.Field(node, "props", props);
        return node;
    }

    /// <summary>A copy of the caller's props (own enumerable ones) with the positional argument set.</summary>
    private static ObjectInstance Props(Engine engine, JsValue source, string key, JsValue value)
    {
        var props = new JsObject(engine);
        if (source.IsObject())
        {
            var from = source.AsObject();
            var keys = from.GetOwnProperties().Where(p => p.Value.Enumerable && p.Key.IsString()).Select(p => p.Key.AsString()).ToList();
            foreach (var name in keys)
                if (name != key) HostFunctions.Field(props, name, from.Get(name));
        }
        HostFunctions.Field(props, key, value);
        return props;
    }
}
