using System.ComponentModel;
using System.Runtime.InteropServices;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>Signals by pid: <see cref="System.Diagnostics.Process"/> cannot send SIGTERM (its Kill is SIGKILL), nor signal a process it did not start.</summary>
internal static class PosixSignals
{
    public const int SigKill = 9;

    public const int SigTerm = 15;

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({pid}, {signal}) failed");
        }
    }

    /// <summary>Sends unless the process is gone already; false then.</summary>
    public static bool TrySend(int pid, int signal) => Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
