using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox;

/// <summary>
/// A plugin's code, parsed and prepared once per package version (<see cref="Engine.PrepareScript"/>)
/// and shared by every sandbox running it: Jint's prepared scripts are immutable and thread-safe.
/// </summary>
public sealed class PluginProgram
{
    private PluginProgram(string code, string contentHash, Prepared<Script> prepared)
    {
        Code = code;
        ContentHash = contentHash;
        Prepared = prepared;
    }

    public string Code { get; }

    /// <summary>SHA-256 of the UTF-8 code, lower-case hex.</summary>
    public string ContentHash { get; }

    internal Prepared<Script> Prepared { get; }

    /// <summary>Parses and prepares <paramref name="code"/>; throws PLUGIN_LOAD_ERROR (syntax, with line and column) or LIMIT_EXCEEDED.</summary>
    public static PluginProgram Parse(string code, SandboxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        limits ??= SandboxLimits.Default;
        var bytes = Encoding.UTF8.GetBytes(code);
        if (bytes.Length > limits.MaxCodeBytes)
            throw SandboxException.Limit("codeSize", $"Plugin code is {bytes.Length} bytes; the limit is {limits.MaxCodeBytes}");

        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(ModuleForm.ToScript(code));
        }
        catch (ScriptPreparationException ex)
        {
            throw PreparationError(ex);
        }
        ProgramPolicy.Check(prepared.Program!);
        return new PluginProgram(code, Convert.ToHexStringLower(SHA256.HashData(bytes)), prepared);
    }

    private static SandboxException PreparationError(ScriptPreparationException ex)
    {
        Exception innermost = ex;
        while (innermost.InnerException is { } inner) innermost = inner;
        return innermost switch
        {
            ParseErrorException parse => SyntaxError(parse.Description, parse.LineNumber, parse.Column, ex),
            // Jint refuses nesting deeper than 256 levels when preparing; Acornima's stack guard is the backstop.
            InsufficientExecutionStackException => SandboxException.Limit("depth", "Source is nested too deeply"),
            _ when innermost.Message.Contains("nesting exceeds", StringComparison.Ordinal) =>
                SandboxException.Limit("depth", $"Source is nested too deeply: {innermost.Message}"),
            _ => new SandboxException(SandboxErrorCodes.PluginLoadError, innermost.Message, null, ex),
        };
    }

    internal static SandboxException SyntaxError(string description, int line, int column, Exception? inner = null) => new(
        SandboxErrorCodes.PluginLoadError,
        $"SyntaxError: {description} (line {line}, column {column})",
        new JsonObject { ["line"] = line, ["column"] = column },
        inner);
}
