using OrleansVm.Runtime;

namespace OrleansVm.Runtime.Tests;

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    [ReadOnly]
    Task<int> Get();

    Task<long> Etag();

    Task<Guid> ActivationId();

    /// <summary>Increments but swallows an ETag conflict: the runtime must still drop the stale activation.</summary>
    Task<bool> TryIncrement();
}

public sealed class CounterGrain : Grain<CounterState>, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> Increment()
    {
        State.Value++;
        await WriteStateAsync();
        return State.Value;
    }

    public Task<int> Get() => Task.FromResult(State.Value);

    public Task<long> Etag() => Task.FromResult(StateEtag);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public async Task<bool> TryIncrement()
    {
        try
        {
            await Increment();
            return true;
        }
        catch (OrleansVm.Storage.InconsistentStateException)
        {
            return false;
        }
    }
}

public sealed class Profile
{
    public string? Name { get; set; }

    public List<string> Tags { get; set; } = [];
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    Task<Profile> Get();

    Task<long> Etag();

    Task<bool> Exists();

    Task Clear();
}

public sealed class ProfileGrain([PersistentState("profile", "named")] IPersistentState<Profile> profile) : Grain, IProfileGrain
{
    public async Task SetName(string name)
    {
        profile.State.Name = name;
        profile.State.Tags.Add(name);
        await profile.WriteStateAsync();
    }

    public Task<Profile> Get() => Task.FromResult(profile.State);

    public Task<long> Etag() => Task.FromResult(profile.Etag);

    public Task<bool> Exists() => Task.FromResult(profile.RecordExists);

    public Task Clear() => profile.ClearStateAsync();
}
