#!/usr/bin/env bash
# Runs the cluster of docker-compose.yml as plain processes on 127.0.0.1: redis-server, PostgreSQL (the bar store,
# docs/bar-store.md), SILOS silos, GATEWAYS gateways and nginx in front of the gateways on LB_PORT.
#
#   deploy/local-cluster.sh up              # build (Release), start everything, wait until it answers
#   deploy/local-cluster.sh status [--json] # what runs where; --json for scripts
#   deploy/local-cluster.sh down            # stop every process that `up` started, by pid
#
# Environment: SILOS (2), GATEWAYS (2), LB_PORT (8000), SILO_METRICS_PORT (9464: each silo's Prometheus
# /metrics listener takes the first free port from there), UP_TIMEOUT (seconds, 180), SKIP_BUILD=1 to use the
# existing build as it is, CONFIGURATION (Release) of that build, RUN_DIR (deploy/.run) for state, generated
# configuration and logs (logs/ has one file per process). Alpaca settings (ALPACA_*, APCA_*) and
# MarketData__* / Alpaca__* settings in the environment reach every silo and gateway.
#
# The gateways require a client key, as in docker-compose.yml: CLIENT_KEY_ID and CLIENT_SECRET name it; without
# them `up` makes one. Either way it is written to RUN_DIR/client-key as KEYID:SECRET (readable only by its owner),
# ready for ?apiKey= or the APCA-API-KEY-ID / APCA-API-SECRET-KEY headers.
#
# PostgreSQL is Debian's package (installed when missing): a new cluster in RUN_DIR/postgres on a free port, its
# superuser's random password in RUN_DIR/postgres/password, database "marketdata"; `down` stops it and deletes it.
# PostgreSQL refuses to run as root: as root, its programs run as the postgres user.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_dir=${RUN_DIR:-$root/deploy/.run}
state="$run_dir/state"
logs="$run_dir/logs"
config=${CONFIGURATION:-Release}
silo_dll="$root/Silo/bin/$config/net10.0/OrleansMarketData.Silo.dll"
gateway_dll="$root/Gateway/bin/$config/net10.0/OrleansMarketData.Gateway.dll"

SILOS=${SILOS:-2}
GATEWAYS=${GATEWAYS:-2}
LB_PORT=${LB_PORT:-8000}
SILO_METRICS_PORT=${SILO_METRICS_PORT:-9464}
UP_TIMEOUT=${UP_TIMEOUT:-180}

cluster_id=${Cluster__ClusterId:-market-data}
service_id=${Cluster__ServiceId:-OrleansMarketData}

die() { echo "local-cluster: $*" >&2; exit 1; }
say() { echo "local-cluster: $*" >&2; }

usage() {
  echo "usage: $0 up | down | status [--json]" >&2
  exit 2
}

is_number() { [[ $1 =~ ^[0-9]+$ ]]; }

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# True when pid $2 is alive and still the program recorded as kind $1 (a stale state file must never lead to
# signalling an unrelated process that reuses the pid).
ours() {
  local token
  case $1 in
    silo) token=OrleansMarketData.Silo.dll ;;
    gateway) token=OrleansMarketData.Gateway.dll ;;
    redis) token=redis-server ;;
    postgres) token=bin/postgres ;;
    nginx) token=nginx ;;
    *) return 1 ;;
  esac
  alive "$2" && [ -r "/proc/$2/cmdline" ] && tr '\0' ' ' <"/proc/$2/cmdline" | grep -q -- "$token"
}

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

taken_ports=" "
# Prints the first port from $1 up that nothing listens on and that this run has not handed out yet.
next_free_port() {
  local port=$1 limit=$(($1 + 1000))
  while [ "$port" -lt "$limit" ]; do
    if [[ $taken_ports != *" $port "* ]] && ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free port in $1-$limit"
}

# HTTP status of a GET on 127.0.0.1, or 000 when nothing answers.
http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1$2" 2>/dev/null || true
}

install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || packages+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  [ -n "$(postgres_bin)" ] || packages+=(postgresql)
  [ ${#packages[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  say "installing ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
}

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

# The programs of the newest PostgreSQL installed (/usr/lib/postgresql/N/bin), or nothing.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
  return 0
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Creates a PostgreSQL cluster in RUN_DIR/postgres and starts it on 127.0.0.1:$1 (TCP only); records its pid and
# prints the bar store's connection string.
start_postgres() {
  local port=$1 bin dir="$run_dir/postgres" password pid
  bin=$(postgres_bin)
  [ -n "$bin" ] || { say "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)"; return 1; }
  rm -rf "$dir"
  mkdir -p "$dir"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  (umask 077 && printf '%s' "$password" >"$dir/password")
  : >"$logs/postgres.log"
  if [ "$(id -u)" -eq 0 ]; then
    # The postgres user must reach its folder and its log (a temporary RUN_DIR is often private).
    chmod o+x "$run_dir" "$logs"
    chown -R postgres:postgres "$dir" "$logs/postgres.log"
    runuser -u postgres -- test -w "$dir" || { say "the postgres user cannot write $dir; set RUN_DIR to a folder it can reach"; return 1; }
  fi
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/password" -E UTF8 --locale=C \
    >"$logs/postgres-setup.log" 2>&1 || { tail -n 20 "$logs/postgres-setup.log" >&2; say "initdb failed"; return 1; }
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$logs/postgres.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >>"$logs/postgres-setup.log" 2>&1 \
    || { tail -n 20 "$logs/postgres.log" >&2; say "PostgreSQL did not start on port $port"; return 1; }
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  record postgres postgres "$pid" "$port"
  PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE marketdata" \
    >>"$logs/postgres-setup.log" 2>&1 || { tail -n 5 "$logs/postgres-setup.log" >&2; say "creating the database failed"; return 1; }
  echo "Host=127.0.0.1;Port=$port;Database=marketdata;Username=postgres;Password=$password"
}

build() {
  if [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$silo_dll" ] && [ -f "$gateway_dll" ]; then return 0; fi
  say "building Silo and Gateway ($config)"
  dotnet build "$root/Silo/Silo.csproj" -c "$config" --nologo -v q >"$logs/build.log" 2>&1 \
    && dotnet build "$root/Gateway/Gateway.csproj" -c "$config" --nologo -v q >>"$logs/build.log" 2>&1 \
    || { tail -n 30 "$logs/build.log" >&2; die "build failed (log: $logs/build.log)"; }
}

# State file: one line per started process, written as soon as it starts so that `down` finds it even
# when `up` fails half-way:  kind name pid port [port]
record() { echo "$*" >>"$state"; }

# Starts a process in its own session with its output in logs/$1.log; prints its pid. The environment of
# this script (Alpaca keys, MarketData__*, ...) is inherited; "$@" after the name is: env assignments -- command.
start() {
  local name=$1; shift
  local assignments=()
  while [ "$1" != "--" ]; do assignments+=("$1"); shift; done
  shift
  (cd "$root" && exec env "${assignments[@]}" setsid "$@" </dev/null >"$logs/$name.log" 2>&1) &
  echo $!
}

write_nginx_conf() {
  local dir="$run_dir/nginx" servers=""
  mkdir -p "$dir/logs"
  cp "$root/deploy/nginx/proxy.conf" "$dir/proxy.conf"
  local port
  for port in "$@"; do
    servers+="        server 127.0.0.1:$port max_fails=2 fail_timeout=10s;"$'\n'
  done
  cat >"$dir/nginx.conf" <<EOF
# Generated by deploy/local-cluster.sh; the docker-compose variant is deploy/nginx/nginx.conf.
worker_processes 1;
# Every proxied WebSocket holds two connections; load tests open thousands of sockets.
worker_rlimit_nofile 40000;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;

events {
    worker_connections 16384;
}

http {
    # Buffered: one write per request halved the requests per second nginx could pass on under load.
    # The path only, never the query string: clients may send ?apiKey=KEYID:SECRET (docs/operations.md#security).
    log_format noquery '\$remote_addr [\$time_local] "\$request_method \$uri \$server_protocol" \$status \$body_bytes_sent \$request_time';
    access_log $dir/logs/access.log noquery buffer=64k flush=1s;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;

    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }

    upstream gateways {
$servers        keepalive 32;
    }

    server {
        listen 127.0.0.1:$LB_PORT;
        include proxy.conf;
    }
}
EOF
  echo "$dir"
}

# Fails with the end of a process's log when it has exited.
check_alive() {
  local kind=$1 name=$2 pid=$3
  if ! ours "$kind" "$pid"; then
    say "$name (pid $pid) exited; the end of $logs/$name.log:"
    tail -n 20 "$logs/$name.log" >&2 || true
    return 1
  fi
}

# Waits until every process of the state file is alive and $2 answers 200 on port $1 (or $3, when given,
# does); bounded by the time left until $deadline.
wait_http() {
  local port=$1 path=$2 alt=${3:-} what=$4
  while :; do
    local code
    code=$(http_status "$port" "$path")
    [ "$code" = 200 ] && return 0
    if [ -n "$alt" ] && [ "$code" = 404 ] && [ "$(http_status "$port" "$alt")" = 200 ]; then return 0; fi
    local kind name pid rest
    while read -r kind name pid rest; do
      [ "$kind" = lb_port ] && continue
      check_alive "$kind" "$name" "$pid" || return 1
    done <"$state"
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "$what did not answer 200 on http://127.0.0.1:$port$path within ${UP_TIMEOUT}s (last: $code)"
      return 1
    fi
    sleep 0.5
  done
}

up() {
  is_number "$SILOS" && [ "$SILOS" -ge 1 ] || die "SILOS must be a whole number of at least 1 (got '$SILOS')"
  is_number "$GATEWAYS" && [ "$GATEWAYS" -ge 1 ] || die "GATEWAYS must be a whole number of at least 1 (got '$GATEWAYS')"
  is_number "$LB_PORT" && [ "$LB_PORT" -ge 1 ] && [ "$LB_PORT" -le 65535 ] || die "LB_PORT must be a port number (got '$LB_PORT')"
  is_number "$SILO_METRICS_PORT" && [ "$SILO_METRICS_PORT" -ge 1 ] && [ "$SILO_METRICS_PORT" -le 64535 ] \
    || die "SILO_METRICS_PORT must be a port number up to 64535 (got '$SILO_METRICS_PORT')"
  is_number "$UP_TIMEOUT" || die "UP_TIMEOUT must be a number of seconds (got '$UP_TIMEOUT')"
  if [ -f "$state" ]; then
    die "a cluster is already recorded in $state; run '$0 down' first"
  fi
  port_in_use "$LB_PORT" && die "port $LB_PORT is in use; set LB_PORT to a free port"

  mkdir -p "$logs"
  install_missing
  build

  : >"$state"
  record lb_port lb - "$LB_PORT"
  taken_ports+="$LB_PORT "
  # On any failure from here on, stop what was started.
  trap 'code=$?; if [ "$code" -ne 0 ]; then say "start-up failed; stopping what was started"; down || true; fi' EXIT

  local redis_port
  redis_port=$(next_free_port $((LB_PORT + 1)))
  taken_ports+="$redis_port "
  mkdir -p "$run_dir/redis"
  local redis_pid
  redis_pid=$(start redis -- redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$run_dir/redis" \
    --save "" --appendonly yes --appendfsync everysec --daemonize no --protected-mode yes)
  record redis redis "$redis_pid" "$redis_port"
  local deadline=$((SECONDS + 20))
  until redis_ping "$redis_port"; do
    check_alive redis redis "$redis_pid" || false
    [ "$SECONDS" -lt "$deadline" ] || { say "redis-server did not answer on port $redis_port"; false; }
    sleep 0.2
  done

  local postgres_port store_connection
  postgres_port=$(next_free_port $((LB_PORT + 2)))
  taken_ports+="$postgres_port "
  store_connection=$(start_postgres "$postgres_port") || false

  local cluster_env=(
    "Cluster__Mode=Redis"
    "Cluster__Redis=127.0.0.1:$redis_port"
    "Cluster__ClusterId=$cluster_id"
    "Cluster__ServiceId=$service_id"
  )
  # The silos keep the bars in PostgreSQL; gateways are pure clients and keep none.
  local store_env=(
    "BarStore__Provider=Postgres"
    "BarStore__Postgres__ConnectionString=$store_connection"
  )

  local i silo_port gateway_port metrics_port pid
  for i in $(seq 1 "$SILOS"); do
    silo_port=$(next_free_port 11111); taken_ports+="$silo_port "
    gateway_port=$(next_free_port 30000); taken_ports+="$gateway_port "
    metrics_port=$(next_free_port "$SILO_METRICS_PORT"); taken_ports+="$metrics_port "
    pid=$(start "silo$i" "${cluster_env[@]}" "${store_env[@]}" "Cluster__SiloPort=$silo_port" "Cluster__GatewayPort=$gateway_port" \
      "Cluster__AdvertisedAddress=127.0.0.1" "Telemetry__MetricsPort=$metrics_port" -- dotnet "$silo_dll")
    record silo "silo$i" "$pid" "$silo_port" "$gateway_port" "$metrics_port"
  done

  local key_id=${CLIENT_KEY_ID:-} secret=${CLIENT_SECRET:-}
  if [ -z "$key_id" ] || [ -z "$secret" ]; then
    key_id="local-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    secret=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  fi
  (umask 077 && printf '%s:%s\n' "$key_id" "$secret" >"$run_dir/client-key")
  # Only the secret's hash reaches the gateways' environment.
  local client_auth=(
    "ClientAuth__Enabled=true"
    "ClientAuth__Keys__0__KeyId=$key_id"
    "ClientAuth__Keys__0__SecretSha256=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)"
  )

  local gateway_ports=() port
  for i in $(seq 1 "$GATEWAYS"); do
    port=$(next_free_port $((LB_PORT + 11))); taken_ports+="$port "
    pid=$(start "gateway$i" "${cluster_env[@]}" "${client_auth[@]}" "Urls=http://127.0.0.1:$port" -- dotnet "$gateway_dll")
    record gateway "gateway$i" "$pid" "$port"
    gateway_ports+=("$port")
  done

  local nginx_dir
  nginx_dir=$(write_nginx_conf "${gateway_ports[@]}")
  "$(nginx_bin)" -t -q -c "$nginx_dir/nginx.conf" -p "$nginx_dir" -e "$nginx_dir/logs/error.log" \
    >"$logs/nginx-test.log" 2>&1 || { cat "$logs/nginx-test.log" >&2; false; }
  pid=$(start nginx -- "$(nginx_bin)" -c "$nginx_dir/nginx.conf" -p "$nginx_dir" -e "$nginx_dir/logs/error.log")
  record nginx nginx "$pid" "$LB_PORT"

  deadline=$((SECONDS + UP_TIMEOUT))
  for i in "${!gateway_ports[@]}"; do
    wait_http "${gateway_ports[$i]}" /health/ready /api/health "gateway$((i + 1))" || false
  done
  wait_http "$LB_PORT" /api/health "" "the load balancer" || false
  # Every silo must have joined the one cluster; membership gets the rest of the time to show them all.
  local count=0
  while :; do
    count=$(curl -s --max-time 3 "http://127.0.0.1:$LB_PORT/api/health" | sed -n 's/.*"silo_count":\([0-9]*\).*/\1/p')
    [ "${count:-0}" -ge "$SILOS" ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "the cluster reports ${count:-no} silo(s), not $SILOS, after ${UP_TIMEOUT}s"
      false
    fi
    sleep 1
  done
  trap - EXIT
  say "up: http://127.0.0.1:$LB_PORT/?apiKey=KEYID:SECRET ($SILOS silos, $GATEWAYS gateways; key in $run_dir/client-key, logs in $logs)"
  status_text
}

redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]
  else
    port_in_use "$1"
  fi
}

# Stops the recorded processes of the given kinds: SIGTERM, then SIGKILL to any left after DOWN_TIMEOUT seconds;
# returns once they are gone (bounded). Prints how many it signalled.
stop_kinds() {
  local pids=() kind name pid rest
  while read -r kind name pid rest; do
    [[ " $* " == *" $kind "* ]] || continue
    is_number "$pid" || continue
    if ours "$kind" "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done <"$state"
  local deadline=$((SECONDS + ${DOWN_TIMEOUT:-20})) killed=0 left
  while :; do
    left=()
    for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      [ "$killed" = 1 ] && { say "still running after SIGKILL: ${left[*]}"; break; }
      say "killing ${left[*]} after ${DOWN_TIMEOUT:-20}s"
      for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      killed=1
      deadline=$((SECONDS + 5))
    fi
    sleep 0.2
  done
  echo "${#pids[@]}"
}

# Stops every pid of the state file, in order: gateways (their sockets close with 1001) and the load balancer,
# then the silos (which still need Redis to leave the cluster cleanly), then Redis and PostgreSQL.
down() {
  if [ ! -f "$state" ]; then
    say "nothing recorded in $state; nothing to stop"
    return 0
  fi
  local stopped=0 n
  n=$(stop_kinds gateway nginx); stopped=$((stopped + n))
  n=$(stop_kinds silo); stopped=$((stopped + n))
  n=$(stop_kinds redis postgres); stopped=$((stopped + n))
  rm -f "$state"
  rm -rf "$run_dir/nginx" "$run_dir/redis" "$run_dir/postgres"
  say "down: stopped $stopped process(es)"
}

# Feed silo as JSON (a string, or null): the "feed_silo" field of /api/health through the load balancer, which
# health shows only to callers with a client key (the one in RUN_DIR/client-key), sent in headers.
feed_silo_json() {
  local body key="" headers=()
  [ -r "$run_dir/client-key" ] && key=$(cat "$run_dir/client-key")
  [ -n "$key" ] && headers=(-H "APCA-API-KEY-ID: ${key%%:*}" -H "APCA-API-SECRET-KEY: ${key#*:}")
  body=$(curl -s --max-time 3 "${headers[@]}" "http://127.0.0.1:$1/api/health" 2>/dev/null || true)
  local value
  value=$(printf '%s' "$body" | sed -n 's/.*"feed_silo":\("\([^"\\]\|\\.\)*"\|null\).*/\1/p')
  echo "${value:-null}"
}

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
json_bool() { if ours "$1" "$2"; then echo true; else echo false; fi; }

# True when the feed silo's identity (Orleans' "S127.0.0.1:11111:..." form) names silo port $2.
hosts_feed() { [[ $1 == *"127.0.0.1:$2:"* || $1 == *"127.0.0.1:$2\""* ]]; }

status_json() {
  local lb_port="" kind name pid p1 p2 p3 redis="null" postgres="null" silos="" gateways="" nginx_pid="" feed
  lb_port=$(awk '$1 == "lb_port" {print $4}' "$state")
  feed=$(feed_silo_json "$lb_port")
  while read -r kind name pid p1 p2 p3; do
    case $kind in
      redis) redis="{\"pid\":$pid,\"port\":$p1,\"alive\":$(json_bool redis "$pid")}" ;;
      postgres) postgres="{\"pid\":$pid,\"port\":$p1,\"alive\":$(json_bool postgres "$pid")}" ;;
      nginx) nginx_pid=$pid ;;
      silo)
        local hosts=false
        hosts_feed "$feed" "$p1" && hosts=true
        silos+="${silos:+,}{\"name\":$(json_string "$name"),\"pid\":$pid,\"silo_port\":$p1,\"gateway_port\":$p2,\"metrics_url\":\"http://127.0.0.1:$p3/metrics\",\"alive\":$(json_bool silo "$pid"),\"hosts_feed\":$hosts}" ;;
      gateway) gateways+="${gateways:+,}{\"name\":$(json_string "$name"),\"pid\":$pid,\"port\":$p1,\"url\":\"http://127.0.0.1:$p1\",\"alive\":$(json_bool gateway "$pid")}" ;;
    esac
  done <"$state"
  local lb="null"
  [ -n "$nginx_pid" ] && lb="{\"pid\":$nginx_pid,\"port\":$lb_port,\"alive\":$(json_bool nginx "$nginx_pid")}"
  printf '{"load_balancer":"http://127.0.0.1:%s","nginx":%s,"redis":%s,"postgres":%s,"silos":[%s],"gateways":[%s],"feed_silo":%s}\n' \
    "$lb_port" "$lb" "$redis" "$postgres" "$silos" "$gateways" "$feed"
}

status_text() {
  local lb_port kind name pid p1 p2 p3 word feed note
  lb_port=$(awk '$1 == "lb_port" {print $4}' "$state")
  feed=$(feed_silo_json "$lb_port")
  while read -r kind name pid p1 p2 p3; do
    if ours "$kind" "$pid"; then word=running; else word=EXITED; fi
    case $kind in
      redis|postgres) printf '%-10s pid %-8s %-8s port %s\n' "$name" "$pid" "$word" "$p1" ;;
      nginx) printf '%-10s pid %-8s %-8s http://127.0.0.1:%s/\n' "$name" "$pid" "$word" "$p1" ;;
      silo)
        note=""
        hosts_feed "$feed" "$p1" && note=" (hosts the market feed)"
        printf '%-10s pid %-8s %-8s silo port %s, gateway port %s, metrics http://127.0.0.1:%s/metrics%s\n' \
          "$name" "$pid" "$word" "$p1" "$p2" "$p3" "$note" ;;
      gateway) printf '%-10s pid %-8s %-8s http://127.0.0.1:%s/\n' "$name" "$pid" "$word" "$p1" ;;
    esac
  done <"$state"
  echo "load balancer: http://127.0.0.1:$lb_port/"
  echo "feed silo: $feed"
}

status() {
  local json=0
  case ${1:-} in
    --json) json=1 ;;
    "") ;;
    *) usage ;;
  esac
  if [ ! -f "$state" ]; then
    if [ "$json" = 1 ]; then echo null; else echo "no cluster is running (no $state)"; fi
    return 3
  fi
  if [ "$json" = 1 ]; then status_json; else status_text; fi
}

case ${1:-} in
  up) [ $# -eq 1 ] || usage; up ;;
  down) [ $# -eq 1 ] || usage; down ;;
  status) [ $# -le 2 ] || usage; status "${2:-}" ;;
  *) usage ;;
esac
