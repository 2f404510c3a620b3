#!/usr/bin/env bash
# The one test command (README): installs what the tests need on a fresh Debian machine, then runs them.
#   ffmpeg/ffprobe      decode what the gateway serves (MJPEG, WAV, RTSP through the tunnel)
#   GStreamer RTSP      the stand-in IP camera (tests/RtspCamera/rtsp-camera.py, run by /usr/bin/python3)
#   python3-yaml, python3-jsonschema, yamllint   the Helm chart's schema and lint checks (tests/Chart.Tests)
#   golang-go, sprig, yaml.v3   render the chart as helm does (tests/Chart.Tests/render/main.go): helm is not packaged
#   redis-server        the Redis grain storage tests start their own, on a free loopback port
#   curl                scripts/run-three-nodes.sh polls the nodes with it (tests/Chart.Tests/ThreeNodes runs the script)
set -euo pipefail
cd "$(dirname "$0")"

packages=(ffmpeg python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
  python3-yaml python3-jsonschema yamllint golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v3-dev redis-server curl)
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

# The chart's own linter and renderer, where helm is installed (it is not a Debian package, so not installed here).
if command -v helm >/dev/null 2>&1; then
  helm lint charts/camera-cloud
  for example in charts/camera-cloud/examples/*.yaml; do
    helm lint charts/camera-cloud -f "$example"
    helm template camera-cloud charts/camera-cloud -f "$example" >/dev/null
  done
else
  echo "test.sh: helm not on PATH; skipping helm lint and helm template of charts/camera-cloud"
fi
