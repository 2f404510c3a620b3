#!/usr/bin/env bash
# The one test command (README): installs what the tests need on a fresh Debian machine, then runs them.
#   ffmpeg/ffprobe      decode what the gateway serves (MJPEG, WAV, RTSP through the tunnel)
#   GStreamer RTSP      the stand-in IP camera (tests/RtspCamera/rtsp-camera.py, run by /usr/bin/python3)
#   redis-server        the Redis grain storage tests start their own, on a free loopback port
set -euo pipefail
cd "$(dirname "$0")"

packages=(ffmpeg python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly redis-server)
need=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing ${need[*]}; run as root or install them: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet test CameraCloud.sln -c Release "$@"
