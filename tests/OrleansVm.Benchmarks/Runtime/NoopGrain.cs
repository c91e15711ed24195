using System.Collections.Concurrent;

namespace OrleansVm.Benchmarks.Runtime;

public interface INoopGrain : IGrainWithStringKey
{
    Task Noop();
}

/// <summary>Does nothing; records its activated instance so the baseline can call the very same object directly.</summary>
public sealed class NoopGrain : Grain, INoopGrain
{
    public static readonly ConcurrentDictionary<string, NoopGrain> Activated = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activated[this.GetPrimaryKeyString()] = this;
        return Task.CompletedTask;
    }

    public Task Noop() => Task.CompletedTask;
}
