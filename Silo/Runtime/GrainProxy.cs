using System.Reflection;

namespace CameraCloud.Silo.Runtime;

/// <summary>
/// The object behind a grain reference: every contract method becomes a call into the runtime for
/// (grain class, key). References are cheap and hold no activation, so callers may keep or drop them
/// freely; two references to the same grain are equal.
/// </summary>
/// <remarks>Not sealed and publicly constructible because <see cref="DispatchProxy"/> derives from it.</remarks>
internal class GrainProxy : DispatchProxy
{
    private GrainInterfaceInfo? _contract;
    private GrainRuntime? _runtime;
    private GrainClassInfo? _class;
    private string? _key;

    public GrainRuntime Runtime => _runtime ?? throw NotBound();

    public GrainClassInfo Class => _class ?? throw NotBound();

    public string Key => _key ?? throw NotBound();

    public void Bind(GrainRuntime runtime, GrainInterfaceInfo contract, GrainClassInfo grainClass, string key)
    {
        _runtime = runtime;
        _contract = contract;
        _class = grainClass;
        _key = key;
    }

    public override bool Equals(object? obj) =>
        obj is GrainProxy other && ReferenceEquals(other._runtime, _runtime) && ReferenceEquals(other._class, _class) &&
        string.Equals(other._key, _key, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(_class, _key);

    public override string ToString() => $"{_contract?.InterfaceType.Name}/{_key}";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        GrainInterfaceInfo contract = _contract ?? throw NotBound();
        return contract.GetMethod(targetMethod).Dispatch(this, args);
    }

    private static InvalidOperationException NotBound() => new("The grain reference is not bound to a runtime.");
}
