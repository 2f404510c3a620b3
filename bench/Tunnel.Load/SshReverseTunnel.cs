using System.Globalization;
using System.Net.Sockets;

namespace CameraCloud.Bench.TunnelLoad;

/// <summary>
/// The baseline users know: <c>ssh -R</c> to a private sshd on loopback (key authentication, default
/// ciphers), forwarding a remote port to the same target the agent serves.
/// </summary>
public sealed class SshReverseTunnel : IAsyncDisposable
{
    private readonly ChildProcess _sshd;
    private readonly ChildProcess _ssh;
    private readonly string _folder;

    private SshReverseTunnel(ChildProcess sshd, ChildProcess ssh, string folder, int port)
    {
        _sshd = sshd;
        _ssh = ssh;
        _folder = folder;
        Port = port;
    }

    /// <summary>The forwarded port: connecting to it reaches the target through ssh.</summary>
    public int Port { get; }

    public static async Task<SshReverseTunnel> StartAsync(int targetPort, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cameracloud-bench-ssh-").FullName;
        Directory.CreateDirectory("/run/sshd");
        await ChildProcess.RunAsync("ssh-keygen", TimeSpan.FromSeconds(30), "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "host_key"));
        await ChildProcess.RunAsync("ssh-keygen", TimeSpan.FromSeconds(30), "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "user_key"));
        File.Copy(Path.Combine(folder, "user_key.pub"), Path.Combine(folder, "authorized_keys"));
        var sshdPort = CameraCloud.V720.Simulator.LoopbackPorts.Tcp();
        var forwardedPort = CameraCloud.V720.Simulator.LoopbackPorts.Tcp();
        var config = Path.Combine(folder, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {sshdPort}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(folder, "host_key")}
            AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}
            PidFile {Path.Combine(folder, "sshd.pid")}
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            PasswordAuthentication no
            AllowTcpForwarding yes
            """, cancellationToken);
        var sshd = ChildProcess.Start("/usr/sbin/sshd", "-D", "-e", "-f", config);
        await WaitForPortAsync(sshdPort, cancellationToken);
        var ssh = ChildProcess.Start("ssh", "-N", "-p", sshdPort.ToString(CultureInfo.InvariantCulture), "-i", Path.Combine(folder, "user_key"),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ExitOnForwardFailure=yes", "-o", "LogLevel=ERROR",
            "-R", $"127.0.0.1:{forwardedPort}:127.0.0.1:{targetPort}", $"{Environment.UserName}@127.0.0.1");
        await WaitForPortAsync(forwardedPort, cancellationToken);
        return new SshReverseTunnel(sshd, ssh, folder, forwardedPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _ssh.DisposeAsync();
        await _sshd.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Another program's listener has no signal but accepting: try until it does (bounded).</summary>
    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }
}
