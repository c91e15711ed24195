namespace OrleansVm.Sandbox.Domains;

/// <summary>
/// An operator's `defineDomain` script, parsed and instrumented once (the same parser, limits
/// and AST hardening as plugins) and shared by the sandboxes that run it. Immutable.
/// </summary>
public sealed class DomainProgram
{
    private DomainProgram(PluginProgram program)
    {
        Program = program;
    }

    public string Code => Program.Code;

    /// <summary>SHA-256 of the UTF-8 code, lower-case hex.</summary>
    public string ContentHash => Program.ContentHash;

    internal PluginProgram Program { get; }

    /// <summary>Parses <paramref name="code"/>; throws PLUGIN_LOAD_ERROR (syntax, with line and column) or LIMIT_EXCEEDED.</summary>
    public static DomainProgram Parse(string code, SandboxLimits? limits = null) => new(PluginProgram.Parse(code, limits));
}
