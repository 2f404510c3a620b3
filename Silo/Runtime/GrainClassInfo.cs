using System.Reflection;
using CameraCloud.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Silo.Runtime;

/// <summary>
/// A grain class checked once at start: its storage type name, its persistent-state parameters and
/// a factory that builds an instance from DI plus those states.
/// </summary>
internal sealed class GrainClassInfo
{
    private readonly ObjectFactory _factory;

    private GrainClassInfo(Type grainClass, string typeName, IReadOnlyList<PersistentStateParameter> states, ObjectFactory factory)
    {
        GrainClass = grainClass;
        TypeName = typeName;
        States = states;
        _factory = factory;
    }

    public Type GrainClass { get; }

    /// <summary>The grain type in storage: the class name without a "Grain" suffix, lower case (CameraGrain → camera).</summary>
    public string TypeName { get; }

    /// <summary>In constructor order.</summary>
    public IReadOnlyList<PersistentStateParameter> States { get; }

    /// <summary>Checks the class; throws an <see cref="ArgumentException"/> that says what to change.</summary>
    public static GrainClassInfo Create(Type grainClass, IServiceProviderIsService? services)
    {
        string name = grainClass.FullName ?? grainClass.Name;
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract || grainClass.ContainsGenericParameters)
        {
            throw new ArgumentException($"Grain class {name} must be a concrete, non-generic class deriving from {nameof(Grain)}.");
        }

        ConstructorInfo[] constructors = grainClass.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new ArgumentException($"Grain class {name} must have exactly one public constructor (it has {constructors.Length}).");
        }

        List<PersistentStateParameter> states = [];
        foreach (ParameterInfo parameter in constructors[0].GetParameters())
        {
            PersistentStateAttribute? attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            bool isState = parameter.ParameterType.IsGenericType &&
                parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>);
            if (isState != attribute is not null)
            {
                throw new ArgumentException(
                    $"Grain class {name}: constructor parameter '{parameter.Name}' must be an IPersistentState<T> " +
                    $"marked [PersistentState(\"name\")], or neither.");
            }

            if (attribute is not null)
            {
                if (string.IsNullOrWhiteSpace(attribute.StateName) || states.Any(s => s.StateName == attribute.StateName))
                {
                    throw new ArgumentException(
                        $"Grain class {name}: state name '{attribute.StateName}' of parameter '{parameter.Name}' is empty or used twice.");
                }

                states.Add(new PersistentStateParameter(attribute.StateName, parameter.ParameterType));
            }
            else if (services is not null && !parameter.HasDefaultValue && !services.IsService(parameter.ParameterType))
            {
                throw new ArgumentException(
                    $"Grain class {name}: constructor parameter '{parameter.Name}' of type {parameter.ParameterType.Name} " +
                    "is not a registered service.");
            }
        }

        // States are passed positionally in constructor order; the rest comes from the activation's scope.
        ObjectFactory factory = ActivatorUtilities.CreateFactory(grainClass, states.Select(s => s.ParameterType).ToArray());
        return new GrainClassInfo(grainClass, TypeNameOf(grainClass), states, factory);
    }

    public Grain CreateInstance(IServiceProvider services, object?[] states) => (Grain)_factory(services, states);

    public override string ToString() => TypeName;

    private static string TypeNameOf(Type grainClass)
    {
        string name = grainClass.Name;
        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
