#!/usr/bin/env bash
# Builds the silo and the forwarding benchmark in Release and runs it: a redis-server on a free port (started
# and stopped by the benchmark), node A and node B sharing it, cameras on A, viewers on A and on B.
# Needs redis-server (installed here when missing). Extra arguments go to the benchmark
# (e.g. --cameras 20 --viewers-per-camera 1 --fps 10 --phase 20 --warmup 5).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
dotnet build Silo -c Release -v q -nologo
dotnet build bench/Cluster.Forwarding -c Release -v q -nologo
ulimit -n "$(ulimit -Hn)"
exec dotnet bench/Cluster.Forwarding/bin/Release/net10.0/CameraCloud.Bench.ClusterForwarding.dll \
  --silo Silo/bin/Release/net10.0/CameraCloud.Silo.dll "$@"
