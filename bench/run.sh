#!/usr/bin/env bash
# Runs every benchmark of bench/ in bounded time (about 15 minutes on 2 cores, build included; every step has a timeout) and writes bench/RESULTS.md.
#
#   bench/run.sh             # everything
#   SKIP_CLUSTER=1 bench/run.sh   # without the 2-silo, 2-gateway cluster run
#   SKIP_BUILD=1 bench/run.sh     # use the existing Release builds
#   SKIP_BDN=1 bench/run.sh       # without BenchmarkDotNet
#   DURATION=10 CLIENTS=200 SYMBOLS=20 BURST_SYMBOLS=50 MEMORY_SYMBOLS=20 bench/run.sh   # a quick trial
#
# Everything listens on 127.0.0.1 only, on ports away from the defaults (gateway 18000, baseline 18100, cluster
# load balancer 18200), so it can run beside a development gateway. Each process this script starts is stopped
# by its pid when the script ends, whatever happens.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out="$bench/artifacts"
mkdir -p "$out"
rm -rf "$out"/*.json "$out"/*.txt "$out"/*.log "$out"/*.db* "$out/bdn"

GATEWAY_PORT=${GATEWAY_PORT:-18000}
BASELINE_PORT=${BASELINE_PORT:-18100}
LB_PORT=${LB_PORT:-18200}
DURATION=${DURATION:-30}        # seconds measured in each full fan-out run (150,000 bars at 5,000 clients)
LIGHT_CLIENTS=${LIGHT_CLIENTS:-500}   # a light run first: the path's own latency, before the machine saturates
CLIENTS=${CLIENTS:-5000}
SYMBOLS=${SYMBOLS:-100}
BURST_SYMBOLS=${BURST_SYMBOLS:-10000}
MEMORY_SYMBOLS=${MEMORY_SYMBOLS:-5000} # the target is measured with 5,000 symbols active (about 3 minutes)
# A regular session of the simulated market: at Speed 60 it lasts 390 s of wall time, longer than any run here,
# and every minute of it has a bar for every symbol, so "expected bars" is exact.
START_TIME=2025-06-10T09:30:00-04:00
# 1,000 cached 1-minute bars (target (d)) and proportionate derived timeframes; each timeframe adds its warm-up.
export MarketData__History__Minute1=1000 MarketData__History__Minute5=200 MarketData__History__Minute15=100 \
  MarketData__History__Hour1=50 MarketData__History__Day1=10
export MarketData__Simulator__SyntheticSymbols=10000
# The runs measure capacity, so the per-client limits (every load client comes from 127.0.0.1) are off. The local
# cluster requires a client key, as in production; the load and wrk present this one.
export ClientLimits__RequestsPerSecond=0 ClientLimits__MaxSocketsPerClient=0 ClientLimits__MaxSockets=0
export CLIENT_KEY_ID=bench CLIENT_SECRET=bench-secret-$$
# One log line per socket connect or request would be thousands per second: warnings only, for every process.
export Logging__LogLevel__Default=Warning Logging__LogLevel__OrleansMarketData=Warning

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${cluster_up:-}" ]; then LB_PORT=$LB_PORT "$root/deploy/local-cluster.sh" down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

say() { echo "bench: $*" >&2; }
# A numbered step: logged, and timed in steps.txt for RESULTS.md.
step() { say "$*"; echo "$(date +%s) $*" >>"$out/steps.txt"; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
# A failed load step is recorded in its output and the run goes on to the next step.
load() {
  echo "LoadGenerator $*" >>"$out/commands.txt"
  timeout 420 dotnet "$bench/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll" "$@" || say "load step failed: $*"
}
bench_wrk() { # bench_wrk <url> <output>
  local key=(-H "APCA-API-KEY-ID: $CLIENT_KEY_ID" -H "APCA-API-SECRET-KEY: $CLIENT_SECRET")
  # 3 s unmeasured first: the route's code is still being compiled to its optimised tier when it is first hit.
  timeout 20 wrk -t2 -c64 -d3s "${key[@]}" "$1" >/dev/null 2>&1 || true
  echo "wrk -t2 -c64 -d10s --latency -H 'APCA-API-KEY-ID: ...' -H 'APCA-API-SECRET-KEY: ...' $1 (after 3 s unmeasured)" >>"$out/commands.txt"
  timeout 60 wrk -t2 -c64 -d10s --latency "${key[@]}" "$1" >"$2" 2>&1 || true
}

# Waits (at most 30 s) for $1 to answer 200; prints the seconds since $2 (a `date +%s.%N` stamp).
wait_ready() {
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$1"; then echo "$(date +%s.%N) - $2" | bc; return 0; fi
    sleep 0.05
  done
  return 1
}

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Stops the run when a port it needs is taken: figures from someone else's server would be meaningless.
require_free_port() {
  if port_in_use "$1"; then say "port $1 is in use (by: $(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1)); free it or set $2"; exit 1; fi
}

# Starts the standalone gateway with the simulator anchored now and a new SQLite bar store beside its log (the default
# provider; BarStore__Provider=None in the environment leaves it out); sets gateway_pid, anchor and ready_seconds.
start_gateway() {
  local speed=$1 log=$2
  require_free_port "$GATEWAY_PORT" GATEWAY_PORT
  anchor=$(now_iso)
  local t0; t0=$(date +%s.%N)
  # From its output folder, as `dotnet run` starts it from the project folder: appsettings.json is read from the
  # working directory.
  (cd "$root/Gateway/bin/Release/net10.0" && Urls=http://127.0.0.1:$GATEWAY_PORT Cluster__SiloPort=21111 Cluster__GatewayPort=31000 \
    MarketData__Simulator__Speed=$speed MarketData__Simulator__StartTime=$START_TIME MarketData__Simulator__WallClockAnchor=$anchor \
    BarStore__Sqlite__Path="${log%.log}.db" exec dotnet OrleansMarketData.Gateway.dll) >"$log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  ready_seconds=$(wait_ready "http://127.0.0.1:$GATEWAY_PORT/api/health" "$t0") || { tail -20 "$log" >&2; exit 1; }
}

# Starts the baseline broadcaster with the simulator anchored now; sets baseline_pid and anchor.
start_baseline() {
  local speed=$1 log=$2
  require_free_port "$BASELINE_PORT" BASELINE_PORT
  anchor=$(now_iso)
  Urls=http://127.0.0.1:$BASELINE_PORT MarketData__Simulator__Speed=$speed MarketData__Simulator__StartTime=$START_TIME \
    MarketData__Simulator__WallClockAnchor=$anchor dotnet "$bench/BaselineBroadcaster/bin/Release/net10.0/BaselineBroadcaster.dll" \
    >"$log" 2>&1 &
  baseline_pid=$!
  pids+=("$baseline_pid")
  wait_ready "http://127.0.0.1:$BASELINE_PORT/api/health" "$(date +%s.%N)" >/dev/null || { tail -20 "$log" >&2; exit 1; }
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Seconds a fixed shell loop (500,000 additions) takes on CPU $1.
cpu_seconds() {
  local t0; t0=$(date +%s.%N)
  taskset -c "$1" bash -c 'i=0; while [ $i -lt 500000 ]; do i=$((i + 1)); done'
  echo "scale=2; ($(date +%s.%N) - $t0) / 1" | bc
}

# Notes in the results when the process under test is gone before its step ended (it should never be).
check_alive() {
  kill -0 "$1" 2>/dev/null || { say "$2 exited early; see its log"; echo "$2 exited before the end of its step" >>"$out/incidents.txt"; }
}

missing=()
for tool in wrk jq bc curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo=""; if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  say "building (Release)"
  for project in Gateway Silo bench/LoadGenerator bench/BaselineBroadcaster bench/Benchmarks; do
    dotnet build "$root/$project" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
  done
fi

say "machine"
{
  echo "cores: $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GB"}')"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo ".NET: SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  # The CPUs of a shared machine need not be equally fast, nor stay so: a single-threaded benchmark's figure depends
  # on the CPU it lands on.
  echo "the same shell loop on each CPU (s): $(for cpu in $(seq 0 $(($(nproc) - 1))); do printf '%s ' "$(cpu_seconds "$cpu")"; done)"
} >"$out/machine.txt"

step "1/7 BenchmarkDotNet (short jobs; the per-bar update in five processes)"
# Each class names its job: short runs, and five processes for the per-bar update, judged by their median (one
# process's figure depends on the CPU it lands on; see SymbolUpdateBenchmarks). With no delay before call counting,
# methods reach their optimised tier within the few warm-up iterations.
echo "DOTNET_TC_CallCountingDelayMs=0 dotnet bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll --filter '*'" >>"$out/commands.txt"
[ -n "${SKIP_BDN:-}" ] || (cd "$bench/Benchmarks" && DOTNET_TC_CallCountingDelayMs=0 timeout 400 dotnet bin/Release/net10.0/Benchmarks.dll --filter '*' \
  --exporters markdown --artifacts "$out/bdn" >"$out/bdn.txt" 2>&1) || say "BenchmarkDotNet failed; see $out/bdn.txt"

step "2/7 memory per active symbol ($MEMORY_SYMBOLS symbols, in process)"
timeout 900 dotnet "$bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll" --memory "$MEMORY_SYMBOLS" 1000 200 100 50 10 >"$out/memory.txt" 2>&1 \
  || say "memory measurement failed"

step "3/7 standalone gateway: start to ready, fan-out ($CLIENTS clients, $SYMBOLS symbols), REST with wrk; the fan-out again without a bar store"
start_gateway 60 "$out/gateway-fanout.log"
echo "$ready_seconds" >"$out/ready-seconds.txt"
load --url "ws://127.0.0.1:$GATEWAY_PORT" --symbols "$SYMBOLS" --activate "$SYMBOLS" --activate-only --pid "$gateway_pid" \
  --start $START_TIME --anchor "$anchor" --label activate-$SYMBOLS --json "$out/activate-fanout.json" | tee "$out/activate-fanout.txt"
load --url "ws://127.0.0.1:$GATEWAY_PORT" --clients "$LIGHT_CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
  --warmup 3 --duration 15 --pid "$gateway_pid" --label gateway-light --json "$out/light-gateway.json" | tee "$out/light-gateway.txt"
load --url "ws://127.0.0.1:$GATEWAY_PORT" --clients "$CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
  --duration "$DURATION" --pid "$gateway_pid" --label gateway --json "$out/fanout-gateway.json" | tee "$out/fanout-gateway.txt"
check_alive "$gateway_pid" "standalone gateway (fan-out)"
grep VmRSS "/proc/$gateway_pid/status" >"$out/gateway-rss.txt" || true
sleep 2
for route in "historical?timeframe=1Min&limit=100" latest; do
  name=${route%%\?*}
  bench_wrk "http://127.0.0.1:$GATEWAY_PORT/api/symbols/AAPL/$route" "$out/wrk-$name.txt"
done
stop_pid "$gateway_pid"
# The same fan-out with no bar store: what the write-ahead step (each live bar in the store before it is published)
# adds to the live path.
BarStore__Provider=None start_gateway 60 "$out/gateway-fanout-none.log"
load --url "ws://127.0.0.1:$GATEWAY_PORT" --symbols "$SYMBOLS" --activate "$SYMBOLS" --activate-only --pid "$gateway_pid" \
  --start $START_TIME --anchor "$anchor" --label activate-$SYMBOLS-none --json "$out/activate-fanout-none.json" >/dev/null
load --url "ws://127.0.0.1:$GATEWAY_PORT" --clients "$CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
  --duration "$DURATION" --pid "$gateway_pid" --label gateway-none --json "$out/fanout-gateway-none.json" | tee "$out/fanout-gateway-none.txt"
check_alive "$gateway_pid" "standalone gateway without a bar store (fan-out)"
stop_pid "$gateway_pid"

step "4/7 baseline broadcaster, same load"
start_baseline 60 "$out/baseline.log"
load --url "ws://127.0.0.1:$BASELINE_PORT" --clients "$LIGHT_CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
  --warmup 3 --duration 15 --pid "$baseline_pid" --label baseline-light --json "$out/light-baseline.json" | tee "$out/light-baseline.txt"
load --url "ws://127.0.0.1:$BASELINE_PORT" --clients "$CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
  --duration "$DURATION" --pid "$baseline_pid" --label baseline --json "$out/fanout-baseline.json" | tee "$out/fanout-baseline.txt"
stop_pid "$baseline_pid"

step "5/7 burst: one bar for each of $BURST_SYMBOLS symbols at every minute mark (Speed 10: a mark every 6 s), gateway then baseline"
# Activating a symbol loads 425 warm-up bars for each timeframe, 425 daily bars being ~400,000 simulated minutes:
# 10,000 symbols would take 5 minutes here (step 3 reports the rate). This step measures the burst's delivery, so its
# gateway uses 2-bar indicator periods (a warm-up of 32 bars) only to activate them in time; a live bar's path —
# aggregation, indicators, streams, fan-out — is the same.
export MarketData__Indicators__AtrPeriod=2 MarketData__Indicators__RsiPeriod=2 MarketData__Indicators__MaShortPeriod=2 \
  MarketData__Indicators__MaMediumPeriod=3 MarketData__Indicators__MaLongPeriod=4
start_gateway 10 "$out/gateway-burst.log"
unset MarketData__Indicators__AtrPeriod MarketData__Indicators__RsiPeriod MarketData__Indicators__MaShortPeriod \
  MarketData__Indicators__MaMediumPeriod MarketData__Indicators__MaLongPeriod
load --url "ws://127.0.0.1:$GATEWAY_PORT" --symbols "$BURST_SYMBOLS" --activate "$BURST_SYMBOLS" --activate-only --pid "$gateway_pid" \
  --start $START_TIME --anchor "$anchor" --label activate-$BURST_SYMBOLS --json "$out/activate-burst.json" | tee "$out/activate-burst.txt"
load --url "ws://127.0.0.1:$GATEWAY_PORT" --clients "$BURST_SYMBOLS" --symbols "$BURST_SYMBOLS" --speed 10 --start $START_TIME --anchor "$anchor" \
  --duration 24 --pid "$gateway_pid" --label burst --json "$out/burst.json" | tee "$out/burst.txt"
check_alive "$gateway_pid" "standalone gateway (burst)"
stop_pid "$gateway_pid"
# The same burst from the baseline broadcaster: what this machine can do for it without Orleans.
start_baseline 10 "$out/baseline-burst.log"
load --url "ws://127.0.0.1:$BASELINE_PORT" --clients "$BURST_SYMBOLS" --symbols "$BURST_SYMBOLS" --speed 10 --start $START_TIME --anchor "$anchor" \
  --duration 18 --pid "$baseline_pid" --label baseline-burst --json "$out/burst-baseline.json" | tee "$out/burst-baseline.txt"
stop_pid "$baseline_pid"

if [ -z "${SKIP_CLUSTER:-}" ]; then
  step "6/7 cluster: 2 silos, 2 gateways, nginx; same fan-out load through the load balancer"
  anchor=$(now_iso)
  if LB_PORT=$LB_PORT SKIP_BUILD=1 UP_TIMEOUT=120 MarketData__Simulator__Speed=60 MarketData__Simulator__StartTime=$START_TIME \
      MarketData__Simulator__WallClockAnchor=$anchor timeout 200 "$root/deploy/local-cluster.sh" up >"$out/cluster-up.txt" 2>&1; then
    cluster_up=1
    load --url "ws://127.0.0.1:$LB_PORT" --api-key "$CLIENT_KEY_ID:$CLIENT_SECRET" --symbols "$SYMBOLS" --activate "$SYMBOLS" --activate-only \
      --start $START_TIME --anchor "$anchor" --label cluster-activate --json "$out/activate-cluster.json" | tee "$out/activate-cluster.txt"
    load --url "ws://127.0.0.1:$LB_PORT" --api-key "$CLIENT_KEY_ID:$CLIENT_SECRET" --clients "$CLIENTS" --symbols "$SYMBOLS" --speed 60 --start $START_TIME --anchor "$anchor" \
      --duration "$DURATION" --label cluster --json "$out/fanout-cluster.json" | tee "$out/fanout-cluster.txt" || true
    for route in "historical?timeframe=1Min&limit=100" latest; do
      name=${route%%\?*}
      bench_wrk "http://127.0.0.1:$LB_PORT/api/symbols/AAPL/$route" "$out/wrk-cluster-$name.txt"
    done
    LB_PORT=$LB_PORT "$root/deploy/local-cluster.sh" down >/dev/null 2>&1 || true
    cluster_up=
  else
    say "cluster did not come up; see $out/cluster-up.txt"
  fi
fi

step "7/7 results (the Alpaca-protocol encoding is measured in step 1: StreamFrameBenchmarks)"
echo "$(date +%s) end" >>"$out/steps.txt"
# The Herd, Flood, Restart and Capacity sections are bench/herd.sh's, bench/flood.sh's, bench/restart.sh's and
# bench/capacity.sh's: kept as they are.
for kept in Herd Flood Restart Capacity; do
  awk -v name="$kept" '/^## /{h = $2; sub(/:$/, "", h); p = h == name} p' "$bench/RESULTS.md" >"$out/kept-$kept.md" 2>/dev/null || true
done
"$bench/write-results.sh" "$out" >"$bench/RESULTS.md"
for kept in Herd Flood Restart Capacity; do
  if [ -s "$out/kept-$kept.md" ]; then "$bench/replace-section.sh" "$bench/RESULTS.md" "$out/kept-$kept.md"; fi
done
say "wrote bench/RESULTS.md"
