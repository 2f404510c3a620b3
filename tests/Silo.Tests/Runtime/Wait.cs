namespace CameraCloud.Silo.Tests.Runtime;

/// <summary>How long a test waits for something that should happen at once, so a bug fails fast instead of hanging.</summary>
internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task For(Task task) => task.WaitAsync(Timeout);

    public static Task<T> For<T>(Task<T> task) => task.WaitAsync(Timeout);
}
