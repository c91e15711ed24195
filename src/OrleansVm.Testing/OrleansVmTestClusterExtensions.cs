using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansVm.Grains;

namespace OrleansVm.Testing;

/// <summary>Adds OrleansVm to every silo (and its serializer to the client) of an <see cref="InProcessTestCluster"/>.</summary>
public static class OrleansVmTestClusterExtensions
{
    /// <summary>
    /// Every silo gets <c>AddOrleansVm</c> with Orleans' memory storage and in-memory reminders
    /// (unless <see cref="UseSharedStore"/> is also called), the client gets <c>AddOrleansVmClient</c>.
    /// </summary>
    public static InProcessTestClusterBuilder AddOrleansVm(this InProcessTestClusterBuilder builder, Action<OrleansVmOptions>? configure = null)
    {
        builder.ConfigureSilo((_, silo) => silo.AddOrleansVm(options =>
        {
            configure?.Invoke(options);
            if (silo.Services.Any(s => s.ServiceType == typeof(OrleansVmTestStore)))
            {
                options.Storage = OrleansVmStorageKind.External;
                options.Reminders = OrleansVmReminderKind.External;
            }
        }));
        builder.ConfigureClient(client => client.AddOrleansVmClient());
        return builder;
    }

    /// <summary>
    /// Grain state and reminders in <paramref name="store"/>, shared by every silo and kept across
    /// silo and cluster restarts within the test (build a new cluster over the same store to
    /// "restart"). Call before <see cref="AddOrleansVm"/>.
    /// </summary>
    public static InProcessTestClusterBuilder UseSharedStore(this InProcessTestClusterBuilder builder, OrleansVmTestStore store)
    {
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(store);
            silo.Services.AddKeyedSingleton<IGrainStorage>(OrleansVmStorage.ProviderName, (_, _) => new SharedGrainStorage(store));
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(store.Reminders);
        });
        return builder;
    }

    /// <summary>
    /// Lets <paramref name="faults"/> fail chosen writes of the OrleansVm grain storage, whichever
    /// provider it is. Call after <see cref="AddOrleansVm"/> (and after any provider registration).
    /// </summary>
    public static InProcessTestClusterBuilder WithStorageFaults(this InProcessTestClusterBuilder builder, StorageFaults faults)
    {
        builder.ConfigureSilo((_, silo) => faults.Decorate(silo.Services, OrleansVmStorage.ProviderName));
        return builder;
    }

    /// <summary>Allows reminder periods down to <paramref name="minimum"/> (Orleans' default minimum is one minute), for tests.</summary>
    public static InProcessTestClusterBuilder AllowShortReminders(this InProcessTestClusterBuilder builder, TimeSpan minimum)
    {
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = minimum));
        return builder;
    }
}
