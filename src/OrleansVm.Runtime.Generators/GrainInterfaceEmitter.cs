using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace OrleansVm.Runtime.Generators;

/// <summary>Builds the C# source of one grain interface's reference, method table and registration.</summary>
internal static class GrainInterfaceEmitter
{
    private const string RuntimeNamespace = "global::OrleansVm.Runtime";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // Method ids must be stable across builds and readable on the wire: no "global::", no nullability.
    private static readonly SymbolDisplayFormat IdFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private enum ReturnKind
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    public static GeneratedInterface? TryEmit(INamedTypeSymbol grainInterface)
    {
        if (grainInterface.TypeKind != TypeKind.Interface || !IsGrainInterface(grainInterface))
        {
            return null;
        }

        var interfaceName = grainInterface.ToDisplayString(TypeFormat);
        var hintName = grainInterface.ToDisplayString(IdFormat).Replace('<', '_').Replace('>', '_').Replace(',', '_').Replace(' ', '_') + ".GrainReference.g.cs";
        if (grainInterface.IsGenericType)
        {
            return Fail(hintName, grainInterface, $"Grain interface {interfaceName} is generic; generic grain interfaces are not supported.");
        }

        for (var container = (ISymbol)grainInterface; container is INamedTypeSymbol type; container = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return Fail(hintName, grainInterface, $"Grain interface {interfaceName} must be public or internal (not nested in a private or protected type).");
            }
        }

        var methods = new List<(IMethodSymbol Method, ReturnKind Kind, ITypeSymbol? Result)>();
        foreach (var declaring in new[] { grainInterface }.Concat(grainInterface.AllInterfaces.Where(IsGrainInterface)))
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method)
                {
                    if (method.IsGenericMethod)
                    {
                        return Fail(hintName, method, $"{declaring.Name}.{method.Name} is generic; generic grain methods are not supported.");
                    }

                    if (method.Parameters.Any(p => p.RefKind != RefKind.None))
                    {
                        return Fail(hintName, method, $"{declaring.Name}.{method.Name} has a ref/out/in parameter; grain method arguments are passed by value.");
                    }

                    var kind = ClassifyReturn(method.ReturnType, out var result);
                    if (kind is null)
                    {
                        return Fail(hintName, method, $"{declaring.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
                    }

                    methods.Add((method, kind.Value, result));
                }
                else if (member is IPropertySymbol or IEventSymbol)
                {
                    return Fail(hintName, member, $"{declaring.Name}.{member.Name}: grain interfaces may only declare methods.");
                }
            }
        }

        return new GeneratedInterface(hintName, Emit(grainInterface, interfaceName, methods), null, null);
    }

    private static GeneratedInterface Fail(string hintName, ISymbol symbol, string message) =>
        new(hintName, string.Empty, message, symbol.Locations.FirstOrDefault());

    private static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.ToDisplayString() == "OrleansVm.Runtime.IGrainWithStringKey")
        && type.ToDisplayString() is not ("OrleansVm.Runtime.IGrainWithStringKey" or "OrleansVm.Runtime.IGrain");

    private static ReturnKind? ClassifyReturn(ITypeSymbol returnType, out ITypeSymbol? result)
    {
        result = null;
        if (returnType is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }

        switch (named.MetadataName)
        {
            case "Task":
                return ReturnKind.Task;
            case "ValueTask":
                return ReturnKind.ValueTask;
            case "Task`1":
                result = named.TypeArguments[0];
                return ReturnKind.TaskOfT;
            case "ValueTask`1":
                result = named.TypeArguments[0];
                return ReturnKind.ValueTaskOfT;
            default:
                return null;
        }
    }

    private static string Emit(INamedTypeSymbol grainInterface, string interfaceName, List<(IMethodSymbol Method, ReturnKind Kind, ITypeSymbol? Result)> methods)
    {
        var registrationName = grainInterface.ToDisplayString(IdFormat).Replace('.', '_') + "_GrainReferenceRegistration";
        var source = new StringBuilder();
        source.AppendLine("// <auto-generated/> by OrleansVm.Runtime.Generators");
        source.AppendLine("#nullable enable");
        source.AppendLine("#pragma warning disable CS1591, CS0618, CA2255");
        source.AppendLine("namespace OrleansVm.Runtime.Generated");
        source.AppendLine("{");

        // Method table.
        source.AppendLine("    file static class Methods");
        source.AppendLine("    {");
        for (var i = 0; i < methods.Count; i++)
        {
            var (method, kind, result) = methods[i];
            var declaring = method.ContainingType.ToDisplayString(TypeFormat);
            var resultType = result is null ? $"{RuntimeNamespace}.VoidResult" : result.ToDisplayString(TypeFormat);
            var id = $"{method.ContainingType.ToDisplayString(IdFormat)}.{method.Name}({string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(IdFormat)))})";
            var parameterTypes = method.Parameters.Length == 0
                ? "global::System.Type.EmptyTypes"
                : "new global::System.Type[] { " + string.Join(", ", method.Parameters.Select(p => $"typeof({p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})")) + " }";
            var flags = Flags(method);
            var arguments = string.Join(", ", method.Parameters.Select((p, index) => $"({p.Type.ToDisplayString(TypeFormat)})a[{index}]!"));
            var call = $"(({declaring})g).{Escape(method.Name)}({arguments})";
            var adapted = kind switch
            {
                ReturnKind.Task => $"{RuntimeNamespace}.GrainMethodAdapters.FromTask({call})",
                ReturnKind.ValueTask => $"{RuntimeNamespace}.GrainMethodAdapters.FromValueTask({call})",
                ReturnKind.TaskOfT => $"{RuntimeNamespace}.GrainMethodAdapters.FromTask<{resultType}>({call})",
                _ => call,
            };
            source.AppendLine($"        public static readonly {RuntimeNamespace}.GrainMethod<{resultType}> M{i} = new(");
            source.AppendLine($"            typeof({declaring}), \"{method.Name}\", \"{id}\", {parameterTypes}, {flags},");
            source.AppendLine($"            static (g, a) => {adapted});");
        }

        source.AppendLine("    }");
        source.AppendLine();

        // Reference.
        source.AppendLine($"    file sealed class Reference : {RuntimeNamespace}.GrainReference, {interfaceName}");
        source.AppendLine("    {");
        source.AppendLine($"        public Reference({RuntimeNamespace}.GrainId grainId, {RuntimeNamespace}.IGrainCallInvoker invoker) : base(grainId, invoker) {{ }}");
        source.AppendLine();
        source.AppendLine($"        public override global::System.Type InterfaceType => typeof({interfaceName});");
        for (var i = 0; i < methods.Count; i++)
        {
            var (method, kind, _) = methods[i];
            var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type.ToDisplayString(TypeFormat)} @{p.Name}"));
            var argumentArray = method.Parameters.Length == 0
                ? "global::System.Array.Empty<object?>()"
                : "new object?[] { " + string.Join(", ", method.Parameters.Select(p => "@" + p.Name)) + " }";
            var send = $"Invoker.InvokeAsync(this, Methods.M{i}, {argumentArray})";
            var body = kind switch
            {
                ReturnKind.Task => $"{RuntimeNamespace}.GrainMethodAdapters.ToTask({send})",
                ReturnKind.ValueTask => $"{RuntimeNamespace}.GrainMethodAdapters.ToValueTask({send})",
                ReturnKind.TaskOfT => $"{RuntimeNamespace}.GrainMethodAdapters.ToTask({send})",
                _ => send,
            };
            source.AppendLine();
            source.AppendLine($"        {method.ReturnType.ToDisplayString(TypeFormat)} {method.ContainingType.ToDisplayString(TypeFormat)}.{Escape(method.Name)}({parameters})");
            source.AppendLine($"            => {body};");
        }

        source.AppendLine("    }");
        source.AppendLine();

        // Registration.
        source.AppendLine($"    internal static class {registrationName}");
        source.AppendLine("    {");
        source.AppendLine("        [global::System.Runtime.CompilerServices.ModuleInitializer]");
        source.AppendLine("        internal static void Register() =>");
        source.AppendLine($"            {RuntimeNamespace}.GrainInterfaceRegistry.Register(new {RuntimeNamespace}.GrainInterfaceDescriptor(");
        source.AppendLine($"                typeof({interfaceName}),");
        source.AppendLine("                static (grainId, invoker) => new Reference(grainId, invoker),");
        source.AppendLine($"                new {RuntimeNamespace}.GrainMethod[] {{ {string.Join(", ", Enumerable.Range(0, methods.Count).Select(i => $"Methods.M{i}"))} }}));");
        source.AppendLine("    }");
        source.AppendLine("}");
        return source.ToString();
    }

    private static string Flags(IMethodSymbol method)
    {
        var flags = new List<string>();
        foreach (var attribute in method.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "OrleansVm.Runtime.AlwaysInterleaveAttribute":
                    flags.Add($"{RuntimeNamespace}.GrainMethodFlags.AlwaysInterleave");
                    break;
                case "OrleansVm.Runtime.ReadOnlyAttribute":
                    flags.Add($"{RuntimeNamespace}.GrainMethodFlags.ReadOnly");
                    break;
            }
        }

        return flags.Count == 0 ? $"{RuntimeNamespace}.GrainMethodFlags.None" : string.Join(" | ", flags);
    }

    private static string Escape(string name) => "@" + name;
}
