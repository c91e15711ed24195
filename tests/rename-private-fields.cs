#:package Microsoft.CodeAnalysis.CSharp@5.12.0
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
// Renames private fields (instance, and static ones that are not readonly) to _camelCase, the
// .editorconfig's naming rule (IDE1006), which `dotnet format` reports but cannot fix. Run by
// tests/format.sh before dotnet format: `dotnet run tests/rename-private-fields.cs -- <dir>...`.
// A private field is only named inside its own type, so each file is bound alone: Roslyn binds a
// simple name to a local or parameter first and to the field otherwise, even when the file's
// other types are unknown here. Types split over partial files are skipped and reported.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

var files = args.SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
    .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/node_modules/"))
    .Order(StringComparer.Ordinal)
    .ToList();
// The runtime's own assemblies: fewer unknown types, fewer ambiguous bindings.
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Select(path => MetadataReference.CreateFromFile(path)).ToList();
var renamedFiles = 0;
foreach (var file in files)
{
    var text = File.ReadAllText(file);
    var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), file);
    var model = CSharpCompilation.Create("one-file", [tree], references).GetSemanticModel(tree);
    var root = tree.GetRoot();
    var renames = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
    foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
    {
        if (declarator.Parent?.Parent is not FieldDeclarationSyntax field) continue;
        if (model.GetDeclaredSymbol(declarator) is not IFieldSymbol symbol || !NeedsUnderscore(symbol)) continue;
        if (field.Parent is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Console.Error.WriteLine($"{file}: {symbol.Name} is in a partial type; rename it by hand");
            continue;
        }

        var bare = symbol.Name is ['s' or 'm' or 't', '_', ..] ? symbol.Name[2..] : symbol.Name; // s_x, m_x, t_x
        renames[symbol] = "_" + char.ToLowerInvariant(bare[0]) + bare[1..];
    }

    if (renames.Count == 0) continue;
    var tokens = new Dictionary<SyntaxToken, string>();
    foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
    {
        if (model.GetDeclaredSymbol(declarator) is { } symbol && renames.TryGetValue(symbol, out var name)) tokens[declarator.Identifier] = name;
    }

    foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>())
    {
        // A candidate counts too: invoking a delegate field whose type names an unknown type binds to it only as a candidate.
        var info = model.GetSymbolInfo(identifier);
        if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is { } symbol && renames.TryGetValue(symbol, out var name)) tokens[identifier.Identifier] = name;
    }

    var renamed = root.ReplaceTokens(tokens.Keys, (original, _) => SyntaxFactory.Identifier(original.LeadingTrivia, tokens[original], original.TrailingTrivia));
    // `this._x`: the qualification is redundant once the name cannot clash with a parameter.
    var unqualified = renamed.ReplaceNodes(
        renamed.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
            .Where(m => m.Expression is ThisExpressionSyntax && m.Name.Identifier.Text.StartsWith('_') && tokens.ContainsValue(m.Name.Identifier.Text)),
        (original, _) => original.Name.WithLeadingTrivia(original.GetLeadingTrivia()).WithTrailingTrivia(original.GetTrailingTrivia()));
    File.WriteAllText(file, unqualified.ToFullString());
    renamedFiles++;
    Console.WriteLine($"{file}: {string.Join(", ", renames.Select(r => $"{r.Key.Name} -> {r.Value}"))}");
}

Console.WriteLine($"{renamedFiles} files changed");

// Private fields, except constants and static readonly ones (PascalCase), already prefixed ones and
// compiler-generated ones.
static bool NeedsUnderscore(IFieldSymbol field) =>
    field.DeclaredAccessibility == Accessibility.Private
    && !field.IsConst && !(field.IsStatic && field.IsReadOnly) && !field.IsImplicitlyDeclared
    && !field.Name.StartsWith('_');
