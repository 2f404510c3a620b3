#!/usr/bin/env bash
# Builds the silo, the agent and the tunnel benchmark in Release and runs it. Needs iperf3 and OpenSSH
# (installed here when missing). Extra arguments go to the benchmark (e.g. --seconds 5 --idle-agents 500).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for package in iperf3 openssh-server openssh-client; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet build Silo -c Release -v q -nologo
dotnet build Agent -c Release -v q -nologo
dotnet build bench/Tunnel.Load -c Release -v q -nologo
ulimit -n "$(ulimit -Hn)"
exec dotnet bench/Tunnel.Load/bin/Release/net10.0/CameraCloud.Bench.TunnelLoad.dll \
  --silo Silo/bin/Release/net10.0/CameraCloud.Silo.dll --agent Agent/bin/Release/net10.0/cameracloud-agent.dll "$@"
