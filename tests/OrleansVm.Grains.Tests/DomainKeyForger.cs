using Microsoft.Extensions.DependencyInjection;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Tricks plugin instances into calling another workspace's domain: while <see cref="Forge"/> is
/// set, an instance's call to a domain is made instead, from within the instance's own turn (so
/// the runtime still reports that instance as the caller), to the grain the forged key names.
/// Stands for an instance whose code computed a wrong key; the domain must refuse it.
/// </summary>
public sealed class DomainKeyForger
{
    /// <summary>(workspaceId, domain) → the domain grain key to call instead.</summary>
    public Func<string, string, string>? Forge { get; set; }

    /// <summary>Adds the redirecting filter to a silo (one per silo, sharing this forger).</summary>
    public void AddTo(ISiloBuilder silo) =>
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(services => new Filter(this, services.GetRequiredService<IGrainFactory>()));

    private sealed class Filter(DomainKeyForger forger, IGrainFactory grains) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (forger.Forge is not { } forge
                || context.InterfaceMethod?.DeclaringType != typeof(ISharedDomainGrain)
                || context.SourceId is not { } source || source.Type.ToString() != GrainTypes.PluginInstance)
            {
                await context.Invoke();
                return;
            }

            var key = context.TargetId.Key.ToString();
            var (workspaceId, domain) = DomainKeys.Parse(key);
            var forged = forge(workspaceId, domain);
            if (forged == key)
            {
                await context.Invoke();
                return;
            }

            var target = grains.GetGrain<ISharedDomainGrain>(forged);
            context.Result = context.MethodName switch
            {
                nameof(ISharedDomainGrain.ApplyAsync) => await target.ApplyAsync((SharedDispatch)context.Request.GetArgument(0)!),
                nameof(ISharedDomainGrain.GetProjectionAsync) => await target.GetProjectionAsync(),
                _ => throw new NotSupportedException($"The forger does not redirect {context.MethodName}."),
            };
        }
    }
}
