using System.Linq.Expressions;
using System.Reflection;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The internals of Jint 4.18 (pinned) the sandbox reads, where Jint has no option:
/// the total call-stack depth (its recursion limit counts per function), the job queue
/// (jobs left by a failed call must not run in the next one) and the realm (to construct a
/// host-defined function type, see GuardedFunction). Their types are internal, so the
/// accessors are compiled once from reflection; a Jint upgrade that renames them fails at startup.
/// </summary>
internal static class JintInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Func<Engine, int> Depth = Compile<Func<Engine, int>>(engine =>
        Expression.Property(Expression.Field(engine, Member<FieldInfo>(typeof(Engine), "CallStack")), "Count"));

    private static readonly Action<Engine> Clear = Compile<Action<Engine>>(engine =>
    {
        var loop = Expression.Field(engine, Member<FieldInfo>(typeof(Engine), "_eventLoop"));
        return Expression.Call(loop, loop.Type.GetMethod("Clear", Instance, Type.EmptyTypes)
            ?? throw new MissingMethodException(loop.Type.FullName, "Clear"));
    });

    private static readonly Func<Engine, Jint.Runtime.Realm> CurrentRealm = Compile<Func<Engine, Jint.Runtime.Realm>>(engine =>
        Expression.Property(engine, Member<PropertyInfo>(typeof(Engine), "Realm")));

    /// <summary>The engine's realm, which a host-defined function type needs to be constructed.</summary>
    public static Jint.Runtime.Realm Realm(Engine engine) => CurrentRealm(engine);

    /// <summary>How many JS functions are on the call stack now.</summary>
    public static int CallDepth(Engine engine) => Depth(engine);

    /// <summary>Drops every queued promise job.</summary>
    public static void DiscardJobs(Engine engine) => Clear(engine);

    private static T Member<T>(Type type, string name) where T : MemberInfo =>
        type.GetMember(name, Instance).OfType<T>().SingleOrDefault()
        ?? throw new MissingMemberException(type.FullName, name);

    private static TDelegate Compile<TDelegate>(Func<ParameterExpression, Expression> body)
    {
        var engine = Expression.Parameter(typeof(Engine), "engine");
        return Expression.Lambda<TDelegate>(body(engine), engine).Compile();
    }
}
