using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>Persistent states bound to an activation; all are read before OnActivateAsync.</summary>
internal sealed partial class Activation
{
    /// <summary>
    /// Creates a state of this grain in provider <paramref name="providerName"/> (null: the
    /// class's provider). Stored under state type "{grainType}.{stateName}" and the grain key.
    /// </summary>
    public object CreatePersistentState<TState>(string stateName, string? providerName)
    {
        providerName ??= GrainClass.StorageProviderName;
        var storage = Catalog.Services.GetKeyedService<IGrainStorage>(providerName)
            ?? throw new GrainConfigurationException(
                $"Grain {GrainId} needs grain storage '{providerName}', which is not registered (services.AddGrainStorage(\"{providerName}\", ...)).");
        var state = new PersistentState<TState>(
            storage,
            $"{GrainId.Type.Value}.{stateName}",
            GrainId.Key,
            Catalog.Services.GetService<JsonSerializerOptions>() ?? GrainStateJson.DefaultOptions,
            this);
        AddPersistentState(state);
        return state;
    }
}
