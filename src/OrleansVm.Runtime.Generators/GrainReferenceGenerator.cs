using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OrleansVm.Runtime.Generators;

/// <summary>
/// For every interface extending OrleansVm.Runtime.IGrainWithStringKey, emits a reference class
/// (implementing the interface by sending calls through IGrainCallInvoker), one GrainMethod per
/// method (stable id, parameter types, flags, and a typed delegate invoking the grain), and a
/// module initializer registering both with GrainInterfaceRegistry.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainReferenceGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor UnsupportedMember = new(
        "ORVM001",
        "Unsupported grain interface member",
        "{0}",
        "OrleansVm.Runtime",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntaxContext, cancellationToken) =>
                    syntaxContext.SemanticModel.GetDeclaredSymbol(syntaxContext.Node, cancellationToken) is INamedTypeSymbol symbol
                        ? GrainInterfaceEmitter.TryEmit(symbol)
                        : null)
            .Where(static generated => generated is not null)
            .Collect();

        context.RegisterSourceOutput(interfaces, static (production, all) => Produce(production, all!));
    }

    private static void Produce(SourceProductionContext production, ImmutableArray<GeneratedInterface> all)
    {
        var seen = new HashSet<string>();
        foreach (var generated in all)
        {
            // A partial interface is seen once per declaration.
            if (!seen.Add(generated.HintName))
            {
                continue;
            }

            if (generated.Error is not null)
            {
                production.ReportDiagnostic(Diagnostic.Create(UnsupportedMember, generated.ErrorLocation, generated.Error));
                continue;
            }

            production.AddSource(generated.HintName, generated.Source);
        }
    }
}
