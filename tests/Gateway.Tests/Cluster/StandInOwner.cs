using CameraCloud.Gateway.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// The owner node as a test writes it: a real Kestrel app whose one handler answers every request, and says
/// which node served it as a real owner does.
/// </summary>
internal static class StandInOwner
{
    public const string NodeId = "node-owner";

    public static Task<LoopbackApp> StartAsync(RequestDelegate handler) =>
        LoopbackApp.StartAsync(_ => { }, app => app.Run(context =>
        {
            context.Response.Headers[ClusterHeaders.ServedBy] = NodeId;
            return handler(context);
        }));
}
