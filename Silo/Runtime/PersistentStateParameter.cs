using System.Reflection;
using CameraCloud.Silo.Storage;

namespace CameraCloud.Silo.Runtime;

/// <summary>A grain constructor parameter <c>[PersistentState("name")] IPersistentState&lt;T&gt;</c>.</summary>
internal sealed class PersistentStateParameter
{
    private static readonly MethodInfo CreateStateOfT =
        typeof(PersistentStateParameter).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<IGrainStorage, string, string, string, IPersistentStateHandle> _create;

    public PersistentStateParameter(string stateName, Type parameterType)
    {
        StateName = stateName;
        ParameterType = parameterType;
        Type stateType = parameterType.GetGenericArguments()[0];
        _create = CreateStateOfT.MakeGenericMethod(stateType)
            .CreateDelegate<Func<IGrainStorage, string, string, string, IPersistentStateHandle>>();
    }

    public string StateName { get; }

    /// <summary>The constructor parameter's type, <c>IPersistentState&lt;T&gt;</c>.</summary>
    public Type ParameterType { get; }

    public IPersistentStateHandle Create(IGrainStorage storage, string grainType, string key) =>
        _create(storage, grainType, key, StateName);

    private static IPersistentStateHandle CreateState<TState>(IGrainStorage storage, string grainType, string key, string stateName)
        where TState : class, new() =>
        new PersistentState<TState>(storage, grainType, key, stateName);
}
