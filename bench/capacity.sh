#!/usr/bin/env bash
# Finds the fan-out capacity of the standalone gateway and of the baseline broadcaster in one run: it steps the load
# (clients x bars per second per symbol, over SYMBOLS symbols) on each protocol, and for every step reports delivered
# msg/s, p50/p99/max emit->receipt latency and the CPU time per delivered message of the server and of the load
# generator. Capacity is the highest delivered msg/s of a step with p99 <= 100 ms and every bar delivered. Writes the
# "Capacity" section of bench/RESULTS.md (bench/replace-section.sh) with the gateway/baseline ratios.
#
#   bench/capacity.sh                       # defaults: about 10 minutes, build included
#   SKIP_BUILD=1 NO_RESULTS=1 CLIENT_STEPS="100 200" RATES="1 10" PROTOCOLS=iex-msgpack DURATION=4 bench/capacity.sh   # a trial
#
# Each step starts its server afresh, anchored so that a regular session of the simulated market (every minute a bar
# for every symbol, so expected bars are exact) opens once the clients are in: at RATE bars/s per symbol (Speed
# 60 x RATE) the session lasts 390/RATE s of wall time, which bounds the window of the fastest steps. The steps of a
# protocol run by increasing offered load, the gateway and then the baseline at each; a target's steps stop after
# the first that misses p99 <= 100 ms. Loopback only; every process started is stopped by its pid.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out="$bench/artifacts/capacity"
rm -rf "$out" && mkdir -p "$out"

GATEWAY_PORT=${GATEWAY_PORT:-18000}
BASELINE_PORT=${BASELINE_PORT:-18100}
SILO_PORT=${SILO_PORT:-21111}
SILO_GATEWAY_PORT=${SILO_GATEWAY_PORT:-31000}
SYMBOLS=${SYMBOLS:-100}
RATES=${RATES:-"1 10 50"}                 # bars per second per symbol
CLIENT_STEPS=${CLIENT_STEPS:-"1000 5000"}
PROTOCOLS=${PROTOCOLS:-"candles iex-msgpack"}   # candles, iex-json, iex-msgpack
TARGETS=${TARGETS:-"gateway baseline"}
DURATION=${DURATION:-6}                   # seconds measured per step, at most (the session may allow less)
MAX_SECONDS=${MAX_SECONDS:-600}           # steps not started this long after the first are reported as not run
LEAD_EXTRA=${LEAD_EXTRA:-0}               # more seconds before each session opens, for a slower machine
P99_LIMIT_MS=100
SESSION_OPEN=2025-06-10T09:30:00-04:00
SESSION_CLOSE=2025-06-10T16:00:00-04:00
MEASURE_FROM=2025-06-10T09:31:00-04:00   # the first instant a bar of the session (09:30) is emitted
export MarketData__History__Minute1=1000 MarketData__History__Minute5=200 MarketData__History__Minute15=100 \
  MarketData__History__Hour1=50 MarketData__History__Day1=10 MarketData__Simulator__SyntheticSymbols=10000
export ClientLimits__RequestsPerSecond=0 ClientLimits__MaxSocketsPerClient=0 ClientLimits__MaxSockets=0
export Logging__LogLevel__Default=Warning Logging__LogLevel__OrleansMarketData=Warning

say() { echo "capacity: $*" >&2; }
server_pid=
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# port_in_use, wait_ready, load
source "$bench/load-steps.sh"

# Starts $1 (gateway or baseline) at Speed $2 with the session opening $3 seconds from now; sets server_pid, anchor, port.
start_server() {
  local target=$1 speed=$2 lead=$3 log="$out/$4.log"
  anchor=$(date -u -d "+$lead seconds" +%Y-%m-%dT%H:%M:%S.%3NZ)
  local sim=(MarketData__Simulator__Speed="$speed" MarketData__Simulator__StartTime=$SESSION_OPEN MarketData__Simulator__WallClockAnchor="$anchor")
  if [ "$target" = gateway ]; then
    port=$GATEWAY_PORT
    port_in_use "$port" && { say "port $port is in use; set GATEWAY_PORT"; exit 1; }
    rm -f "$out/gateway.db"*
    (cd "$root/Gateway/bin/Release/net10.0" && exec env "${sim[@]}" Urls=http://127.0.0.1:$port Cluster__SiloPort=$SILO_PORT \
      Cluster__GatewayPort=$SILO_GATEWAY_PORT BarStore__Sqlite__Path="$out/gateway.db" dotnet OrleansMarketData.Gateway.dll) >"$log" 2>&1 &
  else
    port=$BASELINE_PORT
    port_in_use "$port" && { say "port $port is in use; set BASELINE_PORT"; exit 1; }
    env "${sim[@]}" Urls=http://127.0.0.1:$port dotnet "$bench/BaselineBroadcaster/bin/Release/net10.0/BaselineBroadcaster.dll" >"$log" 2>&1 &
  fi
  server_pid=$!
  wait_ready "http://127.0.0.1:$port/api/health" || { tail -20 "$log" >&2; exit 1; }
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building (Release)"
  for project in Gateway bench/LoadGenerator bench/BaselineBroadcaster; do
    dotnet build "$root/$project" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
  done
fi

# The steps by increasing offered load (clients x rate), ties by fewer clients.
steps=$(for c in $CLIENT_STEPS; do for r in $RATES; do echo "$((c * r)) $c $r"; done; done | sort -n -k1,1 -k2,2 | awk '{print $2 "x" $3}')
started=$(date +%s)
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/machine.txt"
for protocol in $PROTOCOLS; do
  declare -A failed=()
  for step in $steps; do
    # Both targets at each step before the next, so that a run cut short by MAX_SECONDS still compares them.
    for target in $TARGETS; do
      clients=${step%x*} rate=${step#*x} name="$target-$protocol-$step"
      if [ -n "${failed[$target]:-}" ]; then echo "past a failed step" >"$out/$name.skipped"; continue; fi
      if [ $(($(date +%s) - started)) -ge "$MAX_SECONDS" ]; then echo "time bound" >"$out/$name.skipped"; continue; fi
      speed=$((60 * rate))
      # Before the session opens: the server's start, the gateway's activation of every symbol (history loads) and the
      # clients' connections. A step whose clients connect late gets a shorter window (--measure-until).
      lead=$((3 + LEAD_EXTRA + clients / 500)); if [ "$target" = gateway ]; then lead=$((lead + 6 + SYMBOLS / 25)); fi
      window=$(echo "d = 390 / $rate - 2 - 1 / $rate; if (d > $DURATION) d = $DURATION; d" | bc -l | xargs printf '%.1f')
      say "$name: $clients clients x $rate bars/s over $SYMBOLS symbols, window ${window}s"
      start_server "$target" "$speed" "$lead" "$name"
      if [ "$target" = gateway ]; then
        load --url "ws://127.0.0.1:$port" --symbols "$SYMBOLS" --activate "$SYMBOLS" --activate-only --start $SESSION_OPEN --anchor "$anchor" \
          --label "$name-activate" >"$out/$name.activate.txt" 2>&1 || say "activation failed: see $out/$name.activate.txt"
      fi
      load --url "ws://127.0.0.1:$port" --protocol "$protocol" --clients "$clients" --symbols "$SYMBOLS" --speed "$speed" --start $SESSION_OPEN \
        --anchor "$anchor" --warmup 1 --duration "$window" --measure-from $MEASURE_FROM \
        --measure-until $SESSION_CLOSE --pid "$server_pid" --label "$name" --json "$out/$name.json" >"$out/$name.txt" 2>&1 \
        || say "load step failed: see $out/$name.txt"
      grep -E 'latency|CPU' "$out/$name.txt" | sed 's/^/  /' >&2 || true
      kill -0 "$server_pid" 2>/dev/null || echo "$name: the server exited before the end of its step" >>"$out/incidents.txt"
      stop_server
      passed=$(jq -r --argjson limit $P99_LIMIT_MS '.LatencyP99Ms <= $limit and .DeliveredPercent >= 99.9 and .ConnectFailed == 0 and .ClientsLost == 0' \
        "$out/$name.json" 2>/dev/null || echo false)
      [ "$passed" = true ] || failed[$target]=1
    done
  done
  unset failed
done

"$bench/write-capacity.sh" "$out" "$steps" >"$out/capacity.md"
if [ -n "${NO_RESULTS:-}" ]; then cat "$out/capacity.md"; else "$bench/replace-section.sh" "$bench/RESULTS.md" "$out/capacity.md"; say "wrote the Capacity section of bench/RESULTS.md"; fi
