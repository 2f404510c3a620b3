using System.Reflection;

namespace CameraCloud.Silo.Runtime;

/// <summary>
/// One method of a grain contract, prepared once: how a reference dispatches it into the runtime and
/// how the runtime invokes it on the grain and awaits the result.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly MethodInfo DispatchTaskOfT =
        typeof(GrainMethod).GetMethod(nameof(DispatchTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo DispatchValueTaskOfT =
        typeof(GrainMethod).GetMethod(nameof(DispatchValueTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<GrainMethod, GrainProxy, object?[]?, object> _dispatch;
    private readonly int _cancellationTokenIndex;

    private GrainMethod(MethodInfo method, GrainReturnKind kind, Type? resultType)
    {
        Method = method;
        Kind = kind;
        Name = $"{method.DeclaringType?.Name}.{method.Name}";
        ParameterInfo[] parameters = method.GetParameters();
        _cancellationTokenIndex = Array.FindLastIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
        _dispatch = kind switch
        {
            GrainReturnKind.Task => DispatchTask,
            GrainReturnKind.ValueTask => DispatchValueTask,
            GrainReturnKind.TaskOfT => DispatchTaskOfT.MakeGenericMethod(resultType!)
                .CreateDelegate<Func<GrainMethod, GrainProxy, object?[]?, object>>(),
            _ => DispatchValueTaskOfT.MakeGenericMethod(resultType!)
                .CreateDelegate<Func<GrainMethod, GrainProxy, object?[]?, object>>(),
        };
    }

    public MethodInfo Method { get; }

    public GrainReturnKind Kind { get; }

    /// <summary>Contract and method name, for messages and logs.</summary>
    public string Name { get; }

    /// <summary>Prepares a method; null with <paramref name="problem"/> set when it cannot be a grain method.</summary>
    public static GrainMethod? TryCreate(MethodInfo method, out string? problem)
    {
        problem = Check(method, out GrainReturnKind kind, out Type? resultType);
        return problem is not null || method.IsGenericMethodDefinition ? null : new GrainMethod(method, kind, resultType);
    }

    /// <summary>Why <paramref name="method"/> cannot be called through a grain reference, or null.</summary>
    public static string? Check(MethodInfo method, out GrainReturnKind kind, out Type? resultType)
    {
        resultType = null;
        kind = GrainReturnKind.Task;
        Type returnType = method.ReturnType;
        if (method.IsSpecialName)
        {
            return $"{method.DeclaringType?.Name}.{method.Name} is a property or event accessor; grain contracts have methods only";
        }

        if (returnType == typeof(Task))
        {
            kind = GrainReturnKind.Task;
        }
        else if (returnType == typeof(ValueTask))
        {
            kind = GrainReturnKind.ValueTask;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            kind = GrainReturnKind.TaskOfT;
            resultType = returnType.GetGenericArguments()[0];
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            kind = GrainReturnKind.ValueTaskOfT;
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            return $"{method.DeclaringType?.Name}.{method.Name} returns {returnType.Name}; " +
                "grain methods must return Task, Task<T>, ValueTask or ValueTask<T>";
        }

        if (method.GetParameters().FirstOrDefault(p => p.ParameterType.IsByRef) is { } byRef)
        {
            return $"{method.DeclaringType?.Name}.{method.Name} takes '{byRef.Name}' by reference; grain methods take values only";
        }

        return null;
    }

    /// <summary>The call's own token (the last CancellationToken parameter) so waiting for a turn honours it.</summary>
    public CancellationToken GetCancellationToken(object?[]? args) =>
        _cancellationTokenIndex >= 0 && args is not null && args[_cancellationTokenIndex] is CancellationToken token
            ? token
            : CancellationToken.None;

    /// <summary>Runs the call through the runtime and returns the awaitable the contract declares.</summary>
    public object Dispatch(GrainProxy proxy, object?[]? args) => _dispatch(this, proxy, args);

    /// <summary>Invokes the method on the grain inside its turn; exceptions surface unwrapped.</summary>
    public async Task<T> InvokeAsync<T>(object grain, object?[]? args)
    {
        object? returned = Method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
        switch (Kind)
        {
            case GrainReturnKind.Task:
                await (Task)(returned ?? throw ReturnedNull());
                return default!;
            case GrainReturnKind.TaskOfT:
                return await (Task<T>)(returned ?? throw ReturnedNull());
            case GrainReturnKind.ValueTask:
                await (ValueTask)returned!;
                return default!;
            default:
                return await (ValueTask<T>)returned!;
        }
    }

    private static object DispatchTask(GrainMethod method, GrainProxy proxy, object?[]? args) =>
        proxy.Runtime.CallAsync<object?>(proxy.Class, proxy.Key, method, args);

    private static object DispatchTaskOf<T>(GrainMethod method, GrainProxy proxy, object?[]? args) =>
        proxy.Runtime.CallAsync<T>(proxy.Class, proxy.Key, method, args);

    private static object DispatchValueTask(GrainMethod method, GrainProxy proxy, object?[]? args) =>
        new ValueTask(proxy.Runtime.CallAsync<object?>(proxy.Class, proxy.Key, method, args));

    private static object DispatchValueTaskOf<T>(GrainMethod method, GrainProxy proxy, object?[]? args) =>
        new ValueTask<T>(proxy.Runtime.CallAsync<T>(proxy.Class, proxy.Key, method, args));

    private InvalidOperationException ReturnedNull() => new($"{Name} returned a null Task.");
}
