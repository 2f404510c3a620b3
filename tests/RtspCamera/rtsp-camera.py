#!/usr/bin/python3
"""A stand-in IP camera for tests: GStreamer's RTSP server serving live H.264 at /cam/realmonitor.

Run with Debian's own interpreter (/usr/bin/python3): it is the one that can import gi.
Usage: rtsp-camera.py <port> [--shared]. Prints "READY <port>" once the server is attached, then serves
until killed. --shared serves every client from one encoder (cheap for many clients); without it each
client gets its own pipeline, like a camera with independent sessions. --noise sends random noise at
about 16 Mbit/s instead of a moving ball at 0.8 Mbit/s, to fill buffers and windows quickly.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstRtsp", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PIPELINE = (
    "( videotestsrc is-live=true pattern={pattern} ! video/x-raw,width=640,height=360,framerate=15/1 "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15 bitrate={bitrate} "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)


def main() -> int:
    port = sys.argv[1] if len(sys.argv) > 1 else "8554"
    shared = "--shared" in sys.argv[2:]
    noise = "--noise" in sys.argv[2:]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE.format(pattern="snow" if noise else "ball", bitrate=16000 if noise else 800))
    factory.set_shared(shared)
    # TCP only: through a tunnel RTP must be interleaved in the RTSP connection.
    factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP)
    server.get_mount_points().add_factory("/cam/realmonitor", factory)
    if server.attach(None) == 0:
        print(f"FAILED to bind port {port}", flush=True)
        return 1
    print(f"READY {port}", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
