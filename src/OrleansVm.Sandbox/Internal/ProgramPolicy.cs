using Acornima.Ast;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Syntax the sandbox refuses at parse time, with the reason (see GlobalPolicy for the built-ins):
/// BigInt literals (one BigInt operation can run unboundedly long inside a single native call,
/// beyond any per-statement check) and dynamic <c>import()</c> (plugins are one script; no
/// modules are loaded from anywhere).
/// </summary>
internal static class ProgramPolicy
{
    public static void Check(Script program)
    {
        // Iterative: the parser's own guard bounds nesting, and a recursive walk must not undo that.
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case BigIntLiteral literal:
                    throw Refused(literal, "BigInt is not supported in plugins");
                case ImportExpression import:
                    throw Refused(import, "import() is not supported in plugins: a plugin is one script");
            }
            foreach (var child in node.ChildNodes) pending.Push(child);
        }
    }

    private static SandboxException Refused(Node node, string message) =>
        PluginProgram.SyntaxError(message, node.Location.Start.Line, node.Location.Start.Column + 1);
}
