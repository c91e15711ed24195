using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansVm.Runtime;

/// <summary>
/// Constructs grain instances: constructor parameters come from DI, except those marked
/// [PersistentState], which get a state bound to this activation. The constructor is inspected
/// and compiled once per class; creating an instance uses no reflection.
/// </summary>
internal sealed class GrainActivator
{
    [ThreadStatic]
    private static Activation? _constructing;

    private readonly Func<object?[], object> _construct;
    private readonly Func<Activation, object?>[] _parameters;

    public GrainActivator(Type grainClass)
    {
        var constructor = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new GrainConfigurationException($"Grain class {grainClass.FullName} has no public constructor.");
        _parameters = [.. constructor.GetParameters().Select(p => CreateParameterResolver(grainClass, p))];
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var body = Expression.New(
            constructor,
            constructor.GetParameters().Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        _construct = Expression.Lambda<Func<object?[], object>>(Expression.Convert(body, typeof(object)), arguments).Compile();
    }

    /// <summary>The activation whose grain is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    internal static Activation? Constructing => _constructing;

    public object Create(Activation activation)
    {
        var previous = _constructing;
        _constructing = activation;
        try
        {
            var arguments = new object?[_parameters.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = _parameters[i](activation);
            }

            return _construct(arguments);
        }
        finally
        {
            _constructing = previous;
        }
    }

    private static Func<Activation, object?> CreateParameterResolver(Type grainClass, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var persistentState = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (persistentState is not null)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new GrainConfigurationException(
                    $"Parameter '{parameter.Name}' of {grainClass.FullName} has [PersistentState] but is not an IPersistentState<T>.");
            }

            var create = typeof(Activation)
                .GetMethod(nameof(Activation.CreatePersistentState), BindingFlags.Public | BindingFlags.Instance)!
                .MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<Activation, string, string?, object>>();
            var stateName = persistentState.StateName;
            var providerName = persistentState.StorageName;
            return activation => create(activation, stateName, providerName);
        }

        var hasDefault = parameter.HasDefaultValue;
        var defaultValue = parameter.DefaultValue;
        return activation =>
        {
            var service = activation.Catalog.Services.GetService(type);
            if (service is not null)
            {
                return service;
            }

            return hasDefault
                ? defaultValue
                : throw new GrainConfigurationException($"Cannot construct {grainClass.FullName}: no service of type {type.FullName} is registered.");
        };
    }
}
