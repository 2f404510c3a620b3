using System.Collections.Concurrent;
using System.Reflection;
using CameraCloud.Actors;

namespace CameraCloud.Silo.Runtime;

/// <summary>A grain contract checked once for shapes the runtime can call, with its prepared methods.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    // Generic methods are prepared per instantiation; bounded by the instantiations the code uses.
    private readonly ConcurrentDictionary<MethodInfo, GrainMethod> _genericInstances = new();

    private GrainInterfaceInfo(Type interfaceType, Dictionary<MethodInfo, GrainMethod> methods)
    {
        InterfaceType = interfaceType;
        _methods = methods;
    }

    public Type InterfaceType { get; }

    /// <summary>Checks every method of the contract; throws an <see cref="ArgumentException"/> listing what is wrong.</summary>
    public static GrainInterfaceInfo Create(Type interfaceType)
    {
        List<string> problems = [];
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            problems.Add($"{interfaceType.Name} is not an interface deriving from {nameof(IGrainWithStringKey)}");
        }
        else if (interfaceType.ContainsGenericParameters)
        {
            problems.Add($"{interfaceType.Name} is an open generic type");
        }

        var methods = new Dictionary<MethodInfo, GrainMethod>();
        IEnumerable<MethodInfo> all = interfaceType.IsInterface
            ? interfaceType.GetMethods().Concat(interfaceType.GetInterfaces().SelectMany(i => i.GetMethods()))
            : [];
        foreach (MethodInfo method in all.Where(m => !m.IsStatic).Distinct())
        {
            GrainMethod? prepared = GrainMethod.TryCreate(method, out string? problem);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (prepared is not null)
            {
                methods.Add(method, prepared);
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"{interfaceType.FullName} cannot be used as a grain contract: {string.Join("; ", problems)}.");
        }

        return new GrainInterfaceInfo(interfaceType, methods);
    }

    public GrainMethod GetMethod(MethodInfo method)
    {
        if (_methods.TryGetValue(method, out GrainMethod? prepared))
        {
            return prepared;
        }

        return _genericInstances.GetOrAdd(method, static m =>
            GrainMethod.TryCreate(m, out string? problem)
            ?? throw new InvalidOperationException(problem ?? $"{m.Name} cannot be called through a grain reference."));
    }
}
