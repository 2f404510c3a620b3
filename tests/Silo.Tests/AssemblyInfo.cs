using Xunit;

// Host tests start whole nodes with real sockets; on a 2-core machine running them one at a time keeps
// each node's timers (605 every 100 ms, heartbeats) honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
