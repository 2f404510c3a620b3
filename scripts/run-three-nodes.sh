#!/usr/bin/env bash
# Runs a three-node CameraCloud cluster with Redis on this machine (Linux): nodes on 127.0.0.2, 127.0.0.3
# and 127.0.0.4 with the same port numbers each, as three hosts of a real cluster would have. Stops
# everything it started on Ctrl-C or SIGTERM. README.md: "Three nodes with Redis on one machine".
set -euo pipefail

readonly ADDRESSES=(127.0.0.2 127.0.0.3 127.0.0.4)
readonly NODE_STOP_SECONDS=40 # above the node's own 30 s shutdown bound
readonly REDIS_STOP_SECONDS=10

usage() {
  cat <<'EOF'
Usage: scripts/run-three-nodes.sh [options]

Runs three CameraCloud nodes (node-1..3 on 127.0.0.2..4, same ports on each) sharing one Redis, waits
until every node lists all three at /api/cluster/nodes, and stops everything it started on Ctrl-C or
SIGTERM. Logs go to one file per process in the log folder it prints.

Options:
  --redis HOST:PORT     use this running Redis (not stopped at the end); default: start a redis-server
  --redis-port PORT     port of the redis-server it starts on 127.0.0.1 (default: first free from 6379)
  --no-build            do not build; use Silo/bin/Release/net*/CameraCloud.Silo.dll as it is
  --silo-dll PATH       run this CameraCloud.Silo.dll, without building (also: CAMERACLOUD_SILO_DLL=PATH)
  --gateway-port PORT   REST, Swagger, MJPEG, agents' WebSocket (default 8080)
  --v720-http-port PORT V720 bootstrap HTTP (default 8081: real cameras use 80, which needs root)
  --v720-tcp-port PORT  V720 TCP control and UDP media (default 6123)
  --mqtt-port PORT      V720 MQTT (default 1883)
  --tunnel-ports A-B    agent target ports (default 20000-20999)
  --log-dir DIR         folder for the logs (default: a new folder under ${TMPDIR:-/tmp})
  --timeout SECONDS     how long to wait for the nodes to be ready and list each other (default 60)
  -h, --help            this text

Environment:
  CAMERACLOUD_ADMIN_KEY the nodes' bootstrap admin API key (Auth:BootstrapAdminKey): 32 to 256 printable
                        ASCII characters, no spaces; default: a random one, printed once the cluster is ready.
                        Every /api/... request needs the header 'Authorization: Bearer <key>'.
EOF
}

say() { printf 'run-three-nodes: %s\n' "$*"; }
die() { printf 'run-three-nodes: %s\n' "$*" >&2; exit 1; }

redis_endpoint=""
redis_port=""
build=1
silo_dll="${CAMERACLOUD_SILO_DLL:-}"
gateway_port=8080
v720_http_port=8081
v720_tcp_port=6123
mqtt_port=1883
tunnel_ports=20000-20999
log_dir=""
timeout_seconds=60

need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
need_port() {
  if ! [[ $2 =~ ^[0-9]+$ ]] || ((10#$2 < 1 || 10#$2 > 65535)); then
    die "$1 '$2' is not a port number (1-65535)"
  fi
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --redis) need_value "$@"; redis_endpoint=$2; shift 2 ;;
    --redis-port) need_value "$@"; need_port "$1" "$2"; redis_port=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --silo-dll) need_value "$@"; silo_dll=$2; shift 2 ;;
    --gateway-port) need_value "$@"; need_port "$1" "$2"; gateway_port=$2; shift 2 ;;
    --v720-http-port) need_value "$@"; need_port "$1" "$2"; v720_http_port=$2; shift 2 ;;
    --v720-tcp-port) need_value "$@"; need_port "$1" "$2"; v720_tcp_port=$2; shift 2 ;;
    --mqtt-port) need_value "$@"; need_port "$1" "$2"; mqtt_port=$2; shift 2 ;;
    --tunnel-ports) need_value "$@"; tunnel_ports=$2; shift 2 ;;
    --log-dir) need_value "$@"; log_dir=$2; shift 2 ;;
    --timeout) need_value "$@"; timeout_seconds=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ $timeout_seconds =~ ^[0-9]+$ ]] || die "--timeout '$timeout_seconds' is not a number of seconds"
[[ $tunnel_ports =~ ^[0-9]+-[0-9]+$ ]] || die "--tunnel-ports '$tunnel_ports' is not a range such as 20000-20999"
if [[ -n $redis_endpoint && -n $redis_port ]]; then
  die "--redis uses a running Redis and --redis-port starts one: choose one"
fi
if [[ -n $redis_endpoint && ! $redis_endpoint =~ ^[^:,[:space:]]+:[0-9]+$ ]]; then
  die "--redis '$redis_endpoint' is not HOST:PORT"
fi

# The admin API key every node starts with: the operator's, or one made for this run. The same on all three,
# since a node forwards a request for a device another node holds with the client's Authorization header.
valid_key() { local LC_ALL=C; [[ $1 =~ ^[!-~]{32,256}$ ]]; }
if [[ -n ${CAMERACLOUD_ADMIN_KEY:-} ]]; then
  admin_key=$CAMERACLOUD_ADMIN_KEY
  valid_key "$admin_key" || die "CAMERACLOUD_ADMIN_KEY is not 32 to 256 printable ASCII characters without spaces"
  admin_key_generated=""
else
  admin_key=$(head -c 32 /dev/urandom | od -An -vtx1 | tr -d ' \n')
  valid_key "$admin_key" || die "could not make a random admin key from /dev/urandom"
  admin_key_generated=1
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v dotnet >/dev/null || die "dotnet is not on PATH: install the .NET 10 SDK"
command -v curl >/dev/null || die "curl is not installed: apt-get install -y curl"
command -v setsid >/dev/null || die "setsid is not installed: apt-get install -y util-linux"

# Everything started, in start order: names (redis, node-1..3) and pids.
started_names=()
started_pids=()
stopping=0

# True while the process runs; a child that exited but is not yet reaped (a zombie) does not count.
running() {
  local stat rest
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  rest=${stat##*) }
  [[ ${rest%% *} != Z ]]
}

# Waits up to $3 seconds for a process told to stop, then kills it; reaps it.
# shellcheck disable=SC2317 # reached from the EXIT trap, which shellcheck does not follow
await_exit() {
  local name=$1 pid=$2 seconds=$3 deadline
  deadline=$((SECONDS + seconds))
  while running "$pid"; do
    if ((SECONDS >= deadline)); then
      say "$name (pid $pid) did not stop within $seconds s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317 # the EXIT trap runs it
cleanup() {
  local status=$? i
  trap - EXIT INT TERM
  ((stopping)) && return
  stopping=1
  if ((${#started_pids[@]} > 0)); then
    say "stopping ${started_names[*]}"
    # Every node gets SIGTERM at once, so three shutdowns take the time of one; Redis goes last, because the
    # nodes write their final state to it while they stop.
    for ((i = 0; i < ${#started_pids[@]}; i++)); do
      [[ ${started_names[i]} == redis ]] || kill -TERM "${started_pids[i]}" 2>/dev/null || true
    done
    for ((i = 0; i < ${#started_pids[@]}; i++)); do
      [[ ${started_names[i]} == redis ]] || await_exit "${started_names[i]}" "${started_pids[i]}" "$NODE_STOP_SECONDS"
    done
    for ((i = 0; i < ${#started_pids[@]}; i++)); do
      if [[ ${started_names[i]} == redis ]]; then
        kill -TERM "${started_pids[i]}" 2>/dev/null || true
        await_exit redis "${started_pids[i]}" "$REDIS_STOP_SECONDS"
      fi
    done
    say "stopped; logs are in $log_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts "$@" in the background in a session of its own, so the terminal's Ctrl-C reaches only this script,
# which then stops the nodes before Redis. setsid does not fork here (a background job of a script is no
# process group leader), so $! is the program's own pid.
start() {
  local name=$1 log=$2
  shift 2
  setsid "$@" >"$log" 2>&1 </dev/null &
  started_names+=("$name")
  started_pids+=("$!")
  say "started $name pid $! (log $log)"
}

tail_log() {
  say "last lines of $1:"
  tail -n 20 "$1" >&2 || true
}

# Answers PONG? Plain bash /dev/tcp, so redis-cli is not needed.
redis_ping() {
  (
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || exit 1
    [[ $reply == +PONG* ]]
  ) 2>/dev/null
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# curl for /api/... as the admin. The header comes from a file descriptor, not the command line, so the key
# does not show in the process list; the same goes for the nodes, which get it from their environment.
api_curl() { curl -H @<(printf 'Authorization: Bearer %s\n' "$admin_key") "$@"; }

if [[ -z $log_dir ]]; then
  log_dir=$(mktemp -d "${TMPDIR:-/tmp}/cameracloud-three-nodes.XXXXXX")
else
  mkdir -p "$log_dir"
fi
log_dir=$(cd "$log_dir" && pwd)

if [[ -n $silo_dll ]]; then
  [[ -f $silo_dll ]] || die "Silo dll '$silo_dll' does not exist"
elif ((build)); then
  say "building the Silo (Release)"
  dotnet build "$repo/Silo/CameraCloud.Silo.csproj" -c Release -nologo -v q >"$log_dir/build.log" 2>&1 \
    || { tail_log "$log_dir/build.log"; die "the build failed; its log is $log_dir/build.log"; }
fi
if [[ -z $silo_dll ]]; then
  for candidate in "$repo"/Silo/bin/Release/net*/CameraCloud.Silo.dll; do
    [[ -f $candidate ]] && silo_dll=$candidate
  done
  [[ -n $silo_dll ]] || die "no Silo/bin/Release/net*/CameraCloud.Silo.dll: run without --no-build, or pass --silo-dll"
fi
silo_dll=$(cd "$(dirname "$silo_dll")" && pwd)/$(basename "$silo_dll")

if [[ -n $redis_endpoint ]]; then
  redis_ping "${redis_endpoint%:*}" "${redis_endpoint##*:}" || die "no Redis answers PING at $redis_endpoint"
  say "using the Redis at $redis_endpoint (left running)"
else
  command -v redis-server >/dev/null || die "redis-server is not installed: apt-get install -y redis-server (or pass --redis HOST:PORT)"
  if [[ -z $redis_port ]]; then
    redis_port=6379
    while port_in_use "$redis_port"; do
      ((redis_port < 6479)) || die "no free port in 6379-6479 for redis-server; pass --redis-port"
      redis_port=$((redis_port + 1))
    done
  fi
  redis_endpoint=127.0.0.1:$redis_port
  # Nothing saved: a throw-away Redis for this run, its folder the log folder.
  start redis "$log_dir/redis.log" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$log_dir"
  deadline=$((SECONDS + 15))
  until redis_ping 127.0.0.1 "$redis_port"; do
    running "${started_pids[0]}" || { tail_log "$log_dir/redis.log"; die "redis-server exited"; }
    ((SECONDS < deadline)) || { tail_log "$log_dir/redis.log"; die "redis-server did not answer PING within 15 s"; }
    sleep 0.1
  done
fi

node_names=()
node_pids=()
for i in 1 2 3; do
  address=${ADDRESSES[i - 1]}
  name=node-$i
  mkdir -p "$log_dir/$name"
  # Its own working folder: a node's relative paths (Storage:DataPath) must not meet another's.
  start "$name" "$log_dir/$name.log" env -C "$log_dir/$name" "Auth__BootstrapAdminKey=$admin_key" dotnet "$silo_dll" \
    "--urls=http://$address:$gateway_port" \
    --Storage:Provider=Redis "--Storage:Redis=$redis_endpoint,abortConnect=false" \
    "--Cluster:NodeId=$name" "--Cluster:AdvertiseAddress=http://$address:$gateway_port" \
    "--V720:BindAddress=$address" "--V720:PublicHost=$address" \
    "--V720:HttpPort=$v720_http_port" "--V720:TcpPort=$v720_tcp_port" "--V720:MqttPort=$mqtt_port" \
    "--Tunnel:BindAddress=$address" "--Tunnel:PortRange=$tunnel_ports"
  node_names+=("$name")
  node_pids+=("${started_pids[-1]}")
done

say "Redis $redis_endpoint; on each node address: gateway $gateway_port, V720 HTTP $v720_http_port," \
  "V720 TCP+UDP $v720_tcp_port, MQTT $mqtt_port, agent ports $tunnel_ports"
for i in 0 1 2; do
  say "${node_names[i]}: http://${ADDRESSES[i]}:$gateway_port/swagger"
done

deadline=$((SECONDS + timeout_seconds))
check_nodes_alive() {
  local i
  for i in 0 1 2; do
    if ! running "${node_pids[i]}"; then
      tail_log "$log_dir/${node_names[i]}.log"
      die "${node_names[i]} exited before the cluster was ready"
    fi
  done
}

for i in 0 1 2; do
  until curl -fsS --max-time 2 -o /dev/null "http://${ADDRESSES[i]}:$gateway_port/health/ready" 2>/dev/null; do
    check_nodes_alive
    ((SECONDS < deadline)) || { tail_log "$log_dir/${node_names[i]}.log"; die "${node_names[i]} was not ready within $timeout_seconds s"; }
    sleep 0.25
  done
  say "${node_names[i]} ready"
done

# Every node must list all three: membership travels through Redis heartbeats.
lists_all() {
  local body name
  body=$(api_curl -fsS --max-time 2 "http://$1:$gateway_port/api/cluster/nodes" 2>/dev/null) || return 1
  for name in "${node_names[@]}"; do
    [[ $body == *"\"$name\""* ]] || return 1
  done
}
for i in 0 1 2; do
  until lists_all "${ADDRESSES[i]}"; do
    check_nodes_alive
    if ((SECONDS >= deadline)); then
      answer=$(api_curl -sS --max-time 2 -w ' (HTTP %{http_code})' "http://${ADDRESSES[i]}:$gateway_port/api/cluster/nodes" 2>&1 || true)
      die "${node_names[i]} did not list ${node_names[*]} within $timeout_seconds s; GET /api/cluster/nodes answered: ${answer:0:400}"
    fi
    sleep 0.25
  done
done
say "cluster ready: every node lists ${node_names[*]} at /api/cluster/nodes; Ctrl-C stops everything"
# The one place the key is shown, and only one made here: an operator's own key stays out of output and logs.
if [[ -n $admin_key_generated ]]; then
  say "admin API key (made for this run; set CAMERACLOUD_ADMIN_KEY to choose one): $admin_key"
else
  say "admin API key: the one in CAMERACLOUD_ADMIN_KEY"
fi
say "/api/... needs it: curl -H 'Authorization: Bearer <key>' http://${ADDRESSES[0]}:$gateway_port/api/cluster/nodes"

# Until a signal (whose trap ends the script through cleanup) or a process that ends by itself.
set +e
wait -n "${started_pids[@]}"
set -e
for i in "${!started_pids[@]}"; do
  if ! running "${started_pids[i]}"; then
    tail_log "$log_dir/${started_names[i]}.log"
    die "${started_names[i]} exited on its own"
  fi
done
die "a process it started ended on its own"
