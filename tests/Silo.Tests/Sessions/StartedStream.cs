namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>Drives a registered session through the §5.2 start until 301/3 is on the wire.</summary>
internal static class StartedStream
{
    /// <summary>Returns the 301 target (cliTarget) the session uses.</summary>
    public static async Task<string> StartAsync(ControlSessionHarness harness)
    {
        await harness.Session.StartStreamAsync(CancellationToken.None);
        var nat = await harness.Camera.ReceiveJsonAsync();
        Assert.Equal(11, nat.GetProperty("code").GetInt32());
        string target = nat.GetProperty("cliTarget").GetString()!;

        harness.Session.OnProbeResponse();
        await harness.Camera.ReceiveJsonAsync();
        await harness.Camera.ReceiveForwardAsync("""{"code":298}""");
        await harness.Camera.ReceiveJsonAsync();

        await harness.Camera.SendBaseInfoAsync(target);
        await harness.Camera.ReceiveForwardAsync("""{"code":3}""");
        return target;
    }
}
