#!/usr/bin/env bash
# A reconnect herd against the standalone gateway, bounded at about 6 minutes including the build, and writes the
# "Herd" section of bench/RESULTS.md: for each herd size (HERDS, default "500 2000") a fresh Release gateway on
# the simulator (2,000 synthetic symbols, Speed 60, client limits off), FOLLOW sockets following named tickers,
# their live-bar latency timed for PRE seconds, then one socket per symbol SYN00001..SYN{N}
# (`/ws/candles/{symbol}?timeframe=1Min&limit=1`) opened at once (bench/herd/herd.mjs). Recorded: how many got their
# history, how many an error (and which), the time to the last history, the following sockets' p99 before and during
# the herd, and the gateway's log lines of stream-queue timeouts.
#
#   bench/herd.sh                  # 500, then 2,000 sockets
#   HERDS=2000 SKIP_BUILD=1 bench/herd.sh
#   LABEL="before the fix" GATEWAY_DIR=/tmp/other-build SKIP_BUILD=1 bench/herd.sh   # another build's output folder
#
# The section shows every run kept in bench/artifacts/herd/runs/, one per LABEL (default: the commit), oldest first.
#
# Everything listens on 127.0.0.1 only (gateway on GATEWAY_PORT, 18300); each process this script starts is stopped
# by its pid when the script ends, whatever happens.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
# Each run's figures stay under its LABEL, so a run before a change and one after it are shown side by side.
LABEL=${LABEL:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo current)}
herd_root="$bench/artifacts/herd"
out="$herd_root/runs/$(echo "$LABEL" | tr -c 'A-Za-z0-9._-' '_')"
rm -rf "$out"
mkdir -p "$out"
echo "$LABEL" >"$out/label.txt"
date -u +%Y-%m-%dT%H:%MZ >"$out/started.txt"

GATEWAY_PORT=${GATEWAY_PORT:-18300}
HERDS=${HERDS:-500 2000}
FOLLOW=${FOLLOW:-AAPL,MSFT,NVDA,AMZN,GOOGL}
PRE=${PRE:-15}     # seconds of following before the herd
WAIT=${WAIT:-90}   # seconds the herd is given at most (the target is 60)
GATEWAY_DIR=${GATEWAY_DIR:-$root/Gateway/bin/Release/net10.0}
# A regular session of the simulated market: at Speed 60 it lasts 390 s of wall time, longer than one herd run, and
# every minute of it has a bar for every symbol.
START_TIME=2025-06-10T09:30:00-04:00
export MarketData__Simulator__SyntheticSymbols=2000 MarketData__Simulator__Speed=60
# Every socket comes from 127.0.0.1: the per-client limits are off, as in bench/run.sh.
export ClientLimits__RequestsPerSecond=0 ClientLimits__MaxSocketsPerClient=0 ClientLimits__MaxSockets=0
# Warnings only: the stream-queue timeouts counted below are logged as warnings or errors.
export Logging__LogLevel__Default=Warning Logging__LogLevel__OrleansMarketData=Warning

gateway_pid=""
cleanup() {
  if [ -n "$gateway_pid" ]; then kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "herd: $*" >&2; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the gateway (Release)"
  timeout 300 dotnet build "$root/Gateway" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
fi

for n in $HERDS; do
  if port_in_use "$GATEWAY_PORT"; then say "port $GATEWAY_PORT is in use; free it or set GATEWAY_PORT"; exit 1; fi
  say "herd of $n sockets"
  anchor=$(now_iso)
  # A bar store of its own per run, empty: every symbol of the herd is loaded from the source, as after a first start.
  rm -f "$out/bars-$n.db"*
  (cd "$GATEWAY_DIR" && BarStore__Sqlite__Path="$out/bars-$n.db" Urls=http://127.0.0.1:$GATEWAY_PORT Cluster__SiloPort=21311 Cluster__GatewayPort=31300 \
    MarketData__Simulator__StartTime=$START_TIME MarketData__Simulator__WallClockAnchor=$anchor \
    exec dotnet OrleansMarketData.Gateway.dll) >"$out/gateway-$n.log" 2>&1 &
  gateway_pid=$!
  ready=""
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/api/health"; then ready=1; break; fi
    sleep 0.05
  done
  [ -n "$ready" ] || { tail -20 "$out/gateway-$n.log" >&2; exit 1; }
  timeout $((PRE + WAIT + 60)) node --experimental-websocket --no-warnings "$bench/herd/herd.mjs" --url "ws://127.0.0.1:$GATEWAY_PORT" \
    --herd "$n" --follow "$FOLLOW" --start $START_TIME --anchor "$anchor" --speed 60 --pre "$PRE" --wait "$WAIT" \
    >"$out/herd-$n.json" || say "herd client of $n failed"
  kill -0 "$gateway_pid" 2>/dev/null || echo "the gateway exited during the herd of $n" >>"$out/incidents.txt"
  grep VmRSS "/proc/$gateway_pid/status" | awk '{print $2}' >"$out/rss-$n.txt" || true
  kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
  { echo "queue=$(grep -c 'QueueMessageBatchAsync' "$out/gateway-$n.log" || true)"
    echo "enqueue=$(grep -c 'IMemoryStreamQueueGrain' "$out/gateway-$n.log" || true)"; } >"$out/timeouts-$n.txt"
  cat "$out/herd-$n.json" >&2
done

rm -f "$out"/bars-*.db*
"$bench/herd/write-herd.sh" "$herd_root/runs" >"$herd_root/section.md"
"$bench/replace-section.sh" "$bench/RESULTS.md" "$herd_root/section.md"
say "wrote the Herd section of bench/RESULTS.md"
