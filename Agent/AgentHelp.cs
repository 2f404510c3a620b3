namespace CameraCloud.Agent;

/// <summary>The --help text.</summary>
public static class AgentHelp
{
    public const string Text = """
        cameracloud-agent: keeps an outbound tunnel from a camera to CameraCloud.

        Usage:
          cameracloud-agent [run] [--config FILE] [--server URL] [--id ID] [--token TOKEN]
                            [--target NAME=HOST:PORT]... [--model MODEL] [--log-level LEVEL]
          cameracloud-agent package --profile PROFILE [--rid RID] [--output DIR] [--source DIR]
          cameracloud-agent --help | --version

        Run options (later sources win: config file < environment < arguments):
          --config FILE          key = value file (default /etc/cameracloud-agent.conf when it exists)
                                 keys: server, id, token, model, log-level, target.NAME = HOST:PORT
          --server URL           ws://host:port or wss://host:port; /agent/connect is added when no path is given
          --id ID                the agent id                          (CAMERACLOUD_AGENT_ID)
          --token TOKEN          the agent token; prefer the file or   (CAMERACLOUD_AGENT_TOKEN)
                                 the environment, which ps does not show
          --target NAME=HOST:PORT  a service the cloud may reach, repeatable, e.g. rtsp=127.0.0.1:554
                                 (CAMERACLOUD_AGENT_TARGETS=rtsp=127.0.0.1:554,http=127.0.0.1:80)
          --model MODEL          camera model reported to the cloud    (CAMERACLOUD_AGENT_MODEL)
          --log-level LEVEL      debug, info, warn or error            (CAMERACLOUD_AGENT_LOG_LEVEL)
          The server comes from --server or CAMERACLOUD_AGENT_SERVER.

        Package options (run from a source checkout):
          --profile PROFILE      camera profile: dahua-2449s-il, generic
          --rid RID              runtime identifier (default linux-x64)
          --output DIR           where the .tar.gz goes (default: the current directory)
          --source DIR           the checkout (default: found from the current directory)

        Exit codes: 0 stopped, 1 failure, 2 bad arguments or configuration, 3 token revoked
        (do not restart), 75 restart requested by the server (restart me).
        """;
}
