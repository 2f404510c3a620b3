#!/usr/bin/env bash
# Builds the silo and the load generator in Release and runs the V720 load benchmark.
# Extra arguments go to the benchmark (e.g. --max-streaming 300 --idle 10000 --skip-idle).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Silo -c Release -v q -nologo
dotnet build bench/V720.Load -c Release -v q -nologo
# Idle cameras hold one socket each on the silo (two with --idle-with-mqtt); raise the soft limit as far
# as the hard one allows. The load generator spreads its cameras over worker processes.
ulimit -n "$(ulimit -Hn)"
exec dotnet bench/V720.Load/bin/Release/net10.0/CameraCloud.Bench.V720Load.dll --silo Silo/bin/Release/net10.0/CameraCloud.Silo.dll "$@"
