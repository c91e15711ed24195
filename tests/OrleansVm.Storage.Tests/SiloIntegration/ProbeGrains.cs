using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace OrleansVm.Storage.Tests.SiloIntegration;

/// <summary>A grain with OrleansVm-shaped persistent state (a POCO with a JsonObject member) on the provider "state".</summary>
public interface IStateProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string name, string documentJson);

    Task<string> GetNameAsync();

    Task<string> GetDocumentJsonAsync();

    /// <summary>How many times this grain was activated in this process (a reload after a conflict is a new activation).</summary>
    Task<int> GetActivationNumberAsync();
}

public sealed class ProbeState
{
    public string Name { get; set; } = "";
    public JsonObject Document { get; set; } = [];
    public List<string> History { get; set; } = [];
}

public sealed class StateProbeGrain([PersistentState("probe", "state")] IPersistentState<ProbeState> state) : Grain, IStateProbeGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task SetAsync(string name, string documentJson)
    {
        state.State.Name = name;
        state.State.Document = JsonNode.Parse(documentJson)!.AsObject();
        state.State.History.Add(name);
        await state.WriteStateAsync();
    }

    public Task<string> GetNameAsync() => Task.FromResult(state.State.Name);

    public Task<string> GetDocumentJsonAsync() => Task.FromResult(state.State.Document.ToJsonString());

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);
}

/// <summary>A grain that arms a durable reminder and reports every tick, so a test can see it fire after a restart.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task ArmAsync(TimeSpan dueTime, TimeSpan period);

    Task DisarmAsync();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    /// <summary>Ticks per grain key, completed by the first tick that arrives after a test starts waiting.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Ticks = new();

    public async Task ArmAsync(TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder("outbox", dueTime, period);

    public async Task DisarmAsync()
    {
        var reminder = await this.GetReminder("outbox");
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Ticks.TryGetValue(this.GetPrimaryKeyString(), out var waiter))
        {
            waiter.TrySetResult(reminderName);
        }

        return Task.CompletedTask;
    }
}
