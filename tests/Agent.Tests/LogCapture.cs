using System.Text;

namespace CameraCloud.Agent.Tests;

/// <summary>A thread-safe writer for the agent's output that lets a test wait for a line to appear.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value == '\n')
            {
                Release();
            }
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
            Release();
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    /// <summary>Completes once the output contains <paramref name="text"/>; fails after a bound.</summary>
    public async Task WaitForAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((text, seen));
            Release();
        }
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private void Release()
    {
        var text = _text.ToString();
        foreach (var waiter in _waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
        {
            waiter.Seen.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}
