using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jint.Parser;
using OrleansVm.Sandbox.Internal;
using JintProgram = Jint.Parser.Ast.Program;

namespace OrleansVm.Sandbox;

/// <summary>
/// A plugin's code, parsed and instrumented once per package version and shared by every
/// sandbox running it. Immutable once built: engines only read the AST (see AstPreparer).
/// </summary>
public sealed class PluginProgram
{
    // Measured: Jint's parser uses well under 2 KiB of stack per nesting level; 4 KiB per
    // source character covers the worst case ("((((..." one level per character).
    private const int StackBytesPerSourceChar = 4 * 1024;
    private const int MinParseStackBytes = 16 * 1024 * 1024;

    private PluginProgram(string code, string contentHash, JintProgram ast)
    {
        Code = code;
        ContentHash = contentHash;
        Ast = ast;
    }

    public string Code { get; }

    /// <summary>SHA-256 of the UTF-8 code, lower-case hex.</summary>
    public string ContentHash { get; }

    internal JintProgram Ast { get; }

    /// <summary>Parses and prepares <paramref name="code"/>; throws PLUGIN_LOAD_ERROR (syntax, with line and column) or LIMIT_EXCEEDED.</summary>
    public static PluginProgram Parse(string code, SandboxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        limits ??= SandboxLimits.Default;
        var bytes = Encoding.UTF8.GetBytes(code);
        if (bytes.Length > limits.MaxCodeBytes)
            throw SandboxException.Limit("codeSize", $"Plugin code is {bytes.Length} bytes; the limit is {limits.MaxCodeBytes}");
        if (NestingPrescan.MaxDepth(code) > NestingPrescan.MaxBracketDepth)
            throw SandboxException.Limit("depth", $"Source is nested more than {NestingPrescan.MaxBracketDepth} levels deep");

        var stackBytes = (int)Math.Min(int.MaxValue, Math.Max(MinParseStackBytes, (long)code.Length * StackBytesPerSourceChar));
        var ast = LargeStackRunner.Run(stackBytes, () => ParseAndPrepare(code));
        return new PluginProgram(code, Convert.ToHexStringLower(SHA256.HashData(bytes)), ast);
    }

    private static JintProgram ParseAndPrepare(string code)
    {
        JintProgram ast;
        try
        {
            ast = new JavaScriptParser().Parse(code);
        }
        catch (ParserException ex)
        {
            throw new SandboxException(
                SandboxErrorCodes.PluginLoadError,
                $"SyntaxError: {ex.Description} (line {ex.LineNumber}, column {ex.Column})",
                new JsonObject { ["line"] = ex.LineNumber, ["column"] = ex.Column },
                ex);
        }
        AstPreparer.Prepare(ast);
        return ast;
    }
}
