namespace CameraCloud.Actors;

/// <summary>
/// Put on a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// binds it to the record <c>(grain type, key, stateName)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}
