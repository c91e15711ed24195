using System.Collections.Concurrent;
using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed record SeenCall(string Direction, GrainId? Source, GrainId Target, Type Interface, string Method, string MethodId, object?[] Arguments);

public sealed class RecordingFilters : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public ConcurrentQueue<SeenCall> Seen { get; } = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Seen.Enqueue(new("in", context.SourceId, context.TargetId, context.InterfaceType, context.MethodName, context.MethodId, context.Arguments));
        return context.Invoke();
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        Seen.Enqueue(new("out", context.SourceId, context.TargetId, context.InterfaceType, context.MethodName, context.MethodId, context.Arguments));
        return context.Invoke();
    }
}

/// <summary>Refuses Echo("forbidden") from outside any grain, and decorates Echo results.</summary>
public sealed class GuardFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(IEchoGrain.Echo) && context.Arguments[0] is "forbidden")
        {
            throw new UnauthorizedAccessException($"{context.SourceId?.ToString() ?? "client"} may not say that");
        }

        await context.Invoke();
        if (context.MethodName == nameof(IEchoGrain.Echo))
        {
            context.Result = $"[{context.Result}]";
        }
    }
}
