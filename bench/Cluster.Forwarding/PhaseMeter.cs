namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>Samples every process of the run before and after a fixed window and counts the frames viewers got in it.</summary>
public static class PhaseMeter
{
    public static async Task<PhaseFigures> MeasureAsync(string name, ForwardingCluster cluster, IReadOnlyList<ViewerSet> viewers, TimeSpan window, CancellationToken cancellationToken)
    {
        var pids = new[] { cluster.Owner.Pid, cluster.Forwarder.Pid, cluster.Redis.Pid, Environment.ProcessId };
        var receivedBefore = viewers.Sum(v => v.Received);
        var machineBefore = MachineMeter.Sample();
        var before = pids.Select(ProcessMeter.Sample).ToArray();
        await Task.Delay(window, cancellationToken);
        var after = pids.Select(ProcessMeter.Sample).ToArray();
        var machineAfter = MachineMeter.Sample();
        var received = viewers.Sum(v => v.Received) - receivedBefore;
        double Cores(int i) => ProcessSample.CoresBetween(before[i], after[i]);
        var seconds = (after[0].At - before[0].At).TotalSeconds;
        var ours = Enumerable.Range(0, pids.Length).Sum(Cores);
        // What else ran on the machine meanwhile (other users' builds and tests): the figures' context.
        var others = Math.Max(0, MachineSample.CoresBetween(machineBefore, machineAfter) - ours);
        return new PhaseFigures(name, viewers.Sum(v => v.Count), received / seconds, Cores(0), Cores(1), Cores(2), Cores(3), others,
            after[0].RssBytes, after[1].RssBytes);
    }
}
