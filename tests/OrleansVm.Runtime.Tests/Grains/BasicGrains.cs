using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> Echo(string text);

    ValueTask<int> Add(int a, int b);

    Task Ping();

    ValueTask PingValue();

    Task<string> Key();

    Task<Guid> ActivationId();

    Task Fail(string message);

    Task<string?> CurrentGrain();

    Task<string?> Caller();
}

public sealed class EchoGrain(TestProbe probe) : Grain, IEchoGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<string> Echo(string text) => Task.FromResult(text);

    public async ValueTask<int> Add(int a, int b)
    {
        await Task.Yield();
        return a + b;
    }

    public Task Ping()
    {
        probe.Increment("ping");
        return Task.CompletedTask;
    }

    public async ValueTask PingValue()
    {
        await Task.Yield();
        probe.Increment("ping-value");
    }

    public Task<string> Key() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new ArgumentOutOfRangeException(nameof(message), message);
    }

    public Task<string?> CurrentGrain() => Task.FromResult(RuntimeContext.CurrentGrainId?.ToString());

    public Task<string?> Caller() => Task.FromResult(RuntimeContext.CallingGrainId?.ToString());
}

public interface IRelayGrain : IGrainWithStringKey
{
    Task<string> Relay(string echoKey, string text);

    /// <summary>Calls through a reference made by the external client factory: the source must still be this grain.</summary>
    Task<string> RelayThroughClientReference(string echoKey, string text);

    Task<string?> CallerSeenBy(string echoKey);
}

public sealed class RelayGrain(TestProbe probe) : Grain, IRelayGrain
{
    public Task<string> Relay(string echoKey, string text) => GrainFactory.GetGrain<IEchoGrain>(echoKey).Echo(text);

    public Task<string> RelayThroughClientReference(string echoKey, string text) =>
        probe.Client!.GetGrain<IEchoGrain>(echoKey).Echo(text);

    public Task<string?> CallerSeenBy(string echoKey) => GrainFactory.GetGrain<IEchoGrain>(echoKey).Caller();
}
