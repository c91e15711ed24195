using Jint.Native;
using Jint.Parser;
using Jint.Parser.Ast;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Makes a parsed program safe to execute and to share between engines:
/// <list type="bullet">
/// <item>bounds nesting (Jint's interpreter recurses per AST level without any check);</item>
/// <item>puts a guard read at each function entry, loop iteration and string concatenation, because Jint checks its limits only per statement and has no hook for memory or stack;</item>
/// <item>turns regex literals into calls to a host factory: Jint caches a regex literal's object on the AST, which would leak one engine's object into every other engine;</item>
/// <item>fills every other literal cache up front and turns off argument caching, so engines only ever read the shared AST.</item>
/// </list>
/// Runs on the large-stack parse thread, so its own recursion is safe.
/// </summary>
internal sealed class AstPreparer
{
    public const int MaxTotalDepth = 1000;
    public const int MaxDepthWithinFunction = 150;

    private int _depth;
    private int _functionDepth;

    public static void Prepare(Jint.Parser.Ast.Program program) =>
        new AstPreparer().Statements(program.Body);

    private void Enter(SyntaxNode node)
    {
        _depth++;
        _functionDepth++;
        if (_depth > MaxTotalDepth || _functionDepth > MaxDepthWithinFunction)
            throw Reject(node, $"Source is nested too deeply (more than {MaxDepthWithinFunction} levels in one function)", "depth");
    }

    private void Leave()
    {
        _depth--;
        _functionDepth--;
    }

    private static SandboxException Reject(SyntaxNode node, string message, string? limit = null)
    {
        var details = new System.Text.Json.Nodes.JsonObject();
        if (limit is not null) details["limit"] = limit;
        if (node.Location is { } location)
        {
            details["line"] = location.Start.Line;
            details["column"] = location.Start.Column + 1;
        }
        var code = limit is null ? SandboxErrorCodes.PluginLoadError : SandboxErrorCodes.LimitExceeded;
        return new SandboxException(code, message, details);
    }

    private void Statements(ICollection<Statement> body)
    {
        foreach (var statement in body) Statement(statement);
    }

    private List<Statement> StatementList(IEnumerable<Statement> body)
    {
        var list = body as List<Statement> ?? body.ToList();
        foreach (var statement in list) Statement(statement);
        return list;
    }

    private void Statement(Statement? statement)
    {
        if (statement is null) return;
        Enter(statement);
        switch (statement)
        {
            case BlockStatement block:
                block.Body = StatementList(block.Body);
                break;
            case ExpressionStatement s:
                s.Expression = Expression(s.Expression)!;
                break;
            case IfStatement s:
                s.Test = Expression(s.Test)!;
                Statement(s.Consequent);
                Statement(s.Alternate);
                break;
            case LabelledStatement s:
                Statement(s.Body);
                break;
            case WithStatement:
                throw Reject(statement, "'with' statements are not allowed in plugins");
            case SwitchStatement s:
                s.Discriminant = Expression(s.Discriminant)!;
                foreach (var c in s.Cases)
                {
                    c.Test = Expression(c.Test);
                    c.Consequent = StatementList(c.Consequent);
                }
                break;
            case ReturnStatement s:
                s.Argument = Expression(s.Argument);
                break;
            case ThrowStatement s:
                s.Argument = Expression(s.Argument)!;
                break;
            case TryStatement s:
                Statement(s.Block);
                foreach (var handler in s.Handlers) Statement(handler.Body);
                Statement(s.Finalizer);
                break;
            case WhileStatement s:
                s.Test = Expression(s.Test)!;
                Statement(s.Body);
                s.Body = Guarded(s.Body);
                break;
            case DoWhileStatement s:
                Statement(s.Body);
                s.Test = Expression(s.Test)!;
                s.Body = Guarded(s.Body);
                break;
            case ForStatement s:
                if (s.Init is Statement initStatement) Statement(initStatement);
                else if (s.Init is Expression initExpression) s.Init = Expression(initExpression);
                s.Test = Expression(s.Test);
                s.Update = Expression(s.Update);
                Statement(s.Body);
                s.Body = Guarded(s.Body);
                break;
            case ForInStatement s:
                if (s.Left is Statement leftStatement) Statement(leftStatement);
                else if (s.Left is Expression leftExpression) s.Left = Expression(leftExpression);
                s.Right = Expression(s.Right)!;
                Statement(s.Body);
                s.Body = Guarded(s.Body);
                break;
            case FunctionDeclaration f:
                f.Body = FunctionBody(f.Body);
                break;
            case VariableDeclaration v:
                foreach (var declarator in v.Declarations) declarator.Init = Expression(declarator.Init);
                break;
        }
        Leave();
    }

    private Statement FunctionBody(Statement body)
    {
        var saved = _functionDepth;
        _functionDepth = 0;
        Statement(body);
        _functionDepth = saved;
        return Guarded(body);
    }

    private static Statement Guarded(Statement body)
    {
        var guard = GuardStatement(body.Location);
        if (body is BlockStatement block)
        {
            var list = new List<Statement>((block.Body as ICollection<Statement>)?.Count + 1 ?? 4) { guard };
            list.AddRange(block.Body);
            block.Body = list;
            return block;
        }
        return new BlockStatement
        {
            Type = SyntaxNodes.BlockStatement,
            Body = new List<Statement> { guard, body },
            Location = body.Location,
            Range = body.Range,
        };
    }

    /// <summary><c>(@guard, operand)</c>: the same value, after a budget check.</summary>
    private static SequenceExpression GuardedOperand(Expression operand) => new()
    {
        Type = SyntaxNodes.SequenceExpression,
        Expressions = new List<Expression> { HiddenIdentifier(HiddenGlobals.Guard, operand.Location), operand },
        Location = operand.Location,
        Range = operand.Range,
    };

    private static bool IsStored(Expression operand) => operand is Identifier or Jint.Parser.Ast.Literal or MemberExpression;

    /// <summary><c>@plus(left, right)</c>: same evaluation order and result as <c>left + right</c>.</summary>
    private static CallExpression CheckedPlus(BinaryExpression plus) => new()
    {
        Type = SyntaxNodes.CallExpression,
        Callee = HiddenIdentifier(HiddenGlobals.Plus, plus.Location),
        Arguments = new List<Expression> { plus.Left, plus.Right },
        CanBeCached = false,
        Location = plus.Location,
        Range = plus.Range,
    };

    private static ExpressionStatement GuardStatement(Location location) => new()
    {
        Type = SyntaxNodes.ExpressionStatement,
        Expression = HiddenIdentifier(HiddenGlobals.Guard, location),
        Location = location,
    };

    private static Identifier HiddenIdentifier(string name, Location location) => new()
    {
        Type = SyntaxNodes.Identifier,
        Name = name,
        Location = location,
    };

    private Expression? Expression(Expression? expression)
    {
        if (expression is null) return null;
        Enter(expression);
        var result = expression;
        switch (expression)
        {
            case Literal literal:
                result = Literal(literal);
                break;
            case ArrayExpression e:
                e.Elements = e.Elements.Select(Expression).ToList()!;
                break;
            case AssignmentExpression e:
                e.Left = Expression(e.Left)!;
                e.Right = Expression(e.Right)!;
                if (e.Operator == AssignmentOperator.PlusAssign) e.Right = GuardedOperand(e.Right);
                break;
            case BinaryExpression e:
                e.Left = Expression(e.Left)!;
                e.Right = Expression(e.Right)!;
                if (e.Operator == BinaryOperator.Plus && !(e.Left is Literal && e.Right is Literal))
                {
                    // Operands that are variables, properties or literals are visible to the memory walk;
                    // results of chains and calls are not, so those steps go through the checked host +.
                    if (IsStored(e.Left) && IsStored(e.Right)) e.Right = GuardedOperand(e.Right);
                    else result = CheckedPlus(e);
                }
                break;
            case LogicalExpression e:
                e.Left = Expression(e.Left)!;
                e.Right = Expression(e.Right)!;
                break;
            case CallExpression e:
                e.Callee = Expression(e.Callee)!;
                e.Arguments = e.Arguments.Select(Expression).ToList()!;
                // Cached argument arrays would be shared between engines and threads.
                e.CanBeCached = false;
                e.Cached = false;
                break;
            case NewExpression e:
                e.Callee = Expression(e.Callee)!;
                e.Arguments = e.Arguments.Select(Expression).ToList()!;
                break;
            case ConditionalExpression e:
                e.Test = Expression(e.Test)!;
                e.Consequent = Expression(e.Consequent)!;
                e.Alternate = Expression(e.Alternate)!;
                break;
            case FunctionExpression f:
                f.Body = FunctionBody(f.Body);
                break;
            case MemberExpression e:
                e.Object = Expression(e.Object)!;
                if (e.Computed) e.Property = Expression(e.Property)!;
                break;
            case ObjectExpression e:
                foreach (var property in e.Properties)
                {
                    if (property.Key is Literal keyLiteral) Literal(keyLiteral);
                    property.Value = Expression(property.Value)!;
                }
                break;
            case SequenceExpression e:
                e.Expressions = e.Expressions.Select(Expression).ToList()!;
                break;
            case UnaryExpression e:
                e.Argument = Expression(e.Argument)!;
                break;
        }
        Leave();
        return result;
    }

    private static Expression Literal(Literal literal)
    {
        if (literal.Type == SyntaxNodes.RegularExpressionLiteral) return RegExpCall(literal);
        literal.CachedValue = literal.Value switch
        {
            null => JsValue.Null,
            string s => new JsValue(s),
            bool b => b ? JsValue.True : JsValue.False,
            double d => new JsValue(d),
            IConvertible c => new JsValue(c.ToDouble(System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new SandboxException(SandboxErrorCodes.PluginLoadError, $"Unsupported literal {literal.Raw}"),
        };
        literal.Cached = true;
        return literal;
    }

    private static CallExpression RegExpCall(Literal literal)
    {
        var raw = literal.Raw;
        var end = raw.LastIndexOf('/');
        var pattern = raw.Substring(1, end - 1);
        var flags = raw[(end + 1)..];
        return new CallExpression
        {
            Type = SyntaxNodes.CallExpression,
            Callee = HiddenIdentifier(HiddenGlobals.RegExpFactory, literal.Location),
            Arguments = new List<Expression> { StringLiteral(pattern, literal), StringLiteral(flags, literal) },
            CanBeCached = false,
            Location = literal.Location,
            Range = literal.Range,
        };
    }

    private static Literal StringLiteral(string value, Literal origin) => new()
    {
        Type = SyntaxNodes.Literal,
        Value = value,
        Raw = value,
        Cached = true,
        CachedValue = new JsValue(value),
        Location = origin.Location,
        Range = origin.Range,
    };
}
