#!/usr/bin/env bash
# A flood of distinct unknown symbols against the standalone gateway, bounded at about 15 minutes including the
# build, and writes the "Flood" section of bench/RESULTS.md: a fresh Release gateway on the simulator (Speed 30,
# client limits off), one socket reading AAPL's live 1-minute bars in a process of its own (bench/flood/follow.mjs),
# timed for PRE seconds, then SYMBOLS distinct unknown symbols (ZZF000000..) through REST
# `/api/symbols/{s}/latest`, `/ws/candles/{s}` and `/v2/stocks/bars?symbols=` (200 a request), a third each and the
# three at once (bench/flood/flood.mjs). Recorded: the answers by status or close code, the gateway's resident memory
# (sampled every second) before, at its peak and after, its symbol grains before and after (`/metrics`), and AAPL's
# latency p99 before and during the flood.
#
#   bench/flood.sh
#   SYMBOLS=30000 SKIP_BUILD=1 bench/flood.sh
#   LABEL="before the fix" GATEWAY_DIR=/tmp/other-build SKIP_BUILD=1 bench/flood.sh   # another build's output folder
#
# The section shows every run kept in bench/artifacts/flood/runs/, one per LABEL (default: the commit), oldest first.
#
# Everything listens on 127.0.0.1 only (gateway on GATEWAY_PORT, 18400); each process this script starts is stopped
# by its pid when the script ends, whatever happens.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
LABEL=${LABEL:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo current)}
flood_root="$bench/artifacts/flood"
out="$flood_root/runs/$(echo "$LABEL" | tr -c 'A-Za-z0-9._-' '_')"
rm -rf "$out"
mkdir -p "$out"
echo "$LABEL" >"$out/label.txt"
date -u +%Y-%m-%dT%H:%MZ >"$out/started.txt"
uptime | sed 's/.*load average: //' >"$out/load-start.txt"

GATEWAY_PORT=${GATEWAY_PORT:-18400}
SYMBOLS=${SYMBOLS:-100000}
BATCH=${BATCH:-200}
PRE=${PRE:-60}     # seconds of AAPL before the flood
WAIT=${WAIT:-600}  # seconds the flood may send for at most
POST=${POST:-10}   # seconds after it, before the last memory reading
GATEWAY_DIR=${GATEWAY_DIR:-$root/Gateway/bin/Release/net10.0}
# A regular session of the simulated market: at Speed 30 it lasts 780 s of wall time, longer than the follower's
# part of the run, and every minute of it has a bar for AAPL (a bar every 2 s).
START_TIME=2025-06-10T09:30:00-04:00
SPEED=30
export MarketData__Simulator__Speed=$SPEED
# Every request comes from 127.0.0.1: the per-client limits are off, as in bench/run.sh.
export ClientLimits__RequestsPerSecond=0 ClientLimits__MaxSocketsPerClient=0 ClientLimits__MaxSockets=0
export Logging__LogLevel__Default=Warning Logging__LogLevel__OrleansMarketData=Warning

gateway_pid="" follow_pid="" sampler_pid=""
cleanup() {
  for pid in $sampler_pid $follow_pid $gateway_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "flood: $*" >&2; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
grains() { curl -sf "http://127.0.0.1:$GATEWAY_PORT/metrics" | awk '/^market_data_symbol_grains_active/ {n += $NF} END {print n + 0}'; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the gateway (Release)"
  timeout 300 dotnet build "$root/Gateway" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
fi
if port_in_use "$GATEWAY_PORT"; then say "port $GATEWAY_PORT is in use; free it or set GATEWAY_PORT"; exit 1; fi

anchor=$(now_iso)
(cd "$GATEWAY_DIR" && BarStore__Sqlite__Path="$out/bars.db" Urls=http://127.0.0.1:$GATEWAY_PORT Cluster__SiloPort=21411 Cluster__GatewayPort=31400 \
  MarketData__Simulator__StartTime=$START_TIME MarketData__Simulator__WallClockAnchor=$anchor \
  exec dotnet OrleansMarketData.Gateway.dll) >"$out/gateway.log" 2>&1 &
gateway_pid=$!
ready=""
for _ in $(seq 1 600); do
  if curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/api/health"; then ready=1; break; fi
  sleep 0.05
done
[ -n "$ready" ] || { tail -20 "$out/gateway.log" >&2; exit 1; }

# Resident memory every second: "epoch-ms kB".
( while kill -0 "$gateway_pid" 2>/dev/null; do
    echo "$(date +%s%3N) $(awk '/^VmRSS/ {print $2}' "/proc/$gateway_pid/status" 2>/dev/null)"
    sleep 1
  done ) >"$out/rss.txt" &
sampler_pid=$!

node --experimental-websocket --no-warnings "$bench/flood/follow.mjs" --url "ws://127.0.0.1:$GATEWAY_PORT" --symbol AAPL \
  --start $START_TIME --anchor "$anchor" --speed $SPEED --seconds $((PRE + WAIT + POST + 120)) >"$out/follow.json" &
follow_pid=$!
say "following AAPL for $PRE s"
sleep "$PRE"
grains >"$out/grains-before.txt" || echo n/a >"$out/grains-before.txt"

say "flood of $SYMBOLS unknown symbols"
rest=$(( SYMBOLS / 3 / BATCH * BATCH )); v2=$rest; ws=$(( SYMBOLS - rest - v2 ))
timeout $((WAIT + 60)) node --experimental-websocket --no-warnings "$bench/flood/flood.mjs" --url "http://127.0.0.1:$GATEWAY_PORT" \
  --rest "$rest" --ws "$ws" --v2 "$v2" --batch "$BATCH" --wait "$WAIT" >"$out/flood.json" || say "the flood client failed"
sleep "$POST"
grains >"$out/grains-after.txt" || echo n/a >"$out/grains-after.txt"
kill -0 "$gateway_pid" 2>/dev/null || echo "the gateway exited during the flood" >>"$out/incidents.txt"
# The log's lines up to here: what the gateway logged while running, not while stopping.
running_lines=$(wc -l <"$out/gateway.log")
kill -TERM "$follow_pid" 2>/dev/null || true; wait "$follow_pid" 2>/dev/null || true; follow_pid=""
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
uptime | sed 's/.*load average: //' >"$out/load-end.txt"
{ echo "errors=$(head -n "$running_lines" "$out/gateway.log" | grep -c -E '^(fail|crit)' || true)"
  echo "warnings=$(head -n "$running_lines" "$out/gateway.log" | grep -c '^warn' || true)"; } >"$out/log-counts.txt"
cat "$out/flood.json" >&2

rm -f "$out"/bars.db*
"$bench/flood/write-flood.sh" "$flood_root/runs" >"$flood_root/section.md"
"$bench/replace-section.sh" "$bench/RESULTS.md" "$flood_root/section.md"
say "wrote the Flood section of bench/RESULTS.md"
