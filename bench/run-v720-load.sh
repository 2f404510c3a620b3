#!/usr/bin/env bash
# Builds the silo and the load generator in Release and runs the V720 load benchmark.
# Extra arguments go to the benchmark (e.g. --max-streaming 300 --idle 10000 --skip-idle).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Silo -c Release -v q -nologo
dotnet build bench/V720.Load -c Release -v q -nologo
# 10,000 idle cameras hold 20,000 sockets on each side of loopback.
ulimit -n 200000 || ulimit -n "$(ulimit -Hn)"
exec dotnet bench/V720.Load/bin/Release/net10.0/CameraCloud.Bench.V720Load.dll --silo Silo/bin/Release/net10.0/CameraCloud.Silo.dll "$@"
