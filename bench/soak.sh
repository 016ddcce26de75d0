#!/usr/bin/env bash
# Soak run of the local cluster, bounded at 10 minutes including the build, and writes bench/SOAK.md:
# deploy/local-cluster.sh (redis-server, 2 silos, 2 gateways, nginx) on the simulated feed at SPEED, CLIENTS sockets
# over SYMBOLS symbols through nginx with churn (bench/Soak), one silo killed and started again half-way, every
# client checking the continuity of its 1-minute bars, and the resident memory of every silo and gateway sampled.
#
#   bench/soak.sh                          # 200 clients, 20 symbols, 5 minutes of load
#   DURATION=120 CLIENTS=50 bench/soak.sh  # a quick trial
#
# Settings (environment): LB_PORT (18400), CLIENTS (200), SYMBOLS (20, the simulator's named tickers), DURATION
# (300 s of load; shortened to fit the 10-minute bound), CHURN (10 clients) every CHURN_EVERY (5 s), SPEED (60),
# START_TIME (simulated market time at the cluster's start), RESTART_SILO (feed: the silo hosting the market feed;
# or silo1, silo2), RESTART_SIGNAL (KILL; TERM for a graceful stop), SKIP_BUILD=1, SAMPLE_EVERY (20 s), BUDGET
# (600 s in all; raise it together with DURATION only for a longer diagnostic run).
# The cluster's logs stay in bench/artifacts/soak/cluster/logs; the cluster is stopped however the script ends.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out="$bench/artifacts/soak"
budget=${BUDGET:-600} # seconds, everything included; more only for a longer diagnostic run

LB_PORT=${LB_PORT:-18400}
CLIENTS=${CLIENTS:-200}
SYMBOLS=${SYMBOLS:-20}
DURATION=${DURATION:-300}
CHURN=${CHURN:-10}
CHURN_EVERY=${CHURN_EVERY:-5}
SPEED=${SPEED:-60}
SAMPLE_EVERY=${SAMPLE_EVERY:-20}
# A Tuesday afternoon: at speed 60 the run crosses the 16:00 close into after-hours, where about a third of the
# minutes have no bar, so the continuity check has to follow the simulator's calendar, not just count minutes.
START_TIME=${START_TIME:-2025-06-10T13:00:00-04:00}
RESTART_SILO=${RESTART_SILO:-feed}
RESTART_SIGNAL=${RESTART_SIGNAL:-KILL}

export RUN_DIR="$out/cluster"
state="$RUN_DIR/state"
logs="$RUN_DIR/logs"
silo_dll="$root/Silo/bin/Release/net10.0/OrleansMarketData.Silo.dll"
soak_dll="$bench/Soak/bin/Release/net10.0/OrleansMarketData.Bench.Soak.dll"
events="$out/restart.txt"

say() { echo "soak: $*" >&2; }
now() { date +%s.%N; }
# Alive and not a zombie (a killed silo is no child of this script, and its new parent may be slow to reap it).
running() { kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

client_pid=""
restarted_pid=""
cleanup() {
  if [ -n "$client_pid" ]; then kill "$client_pid" 2>/dev/null || true; wait "$client_pid" 2>/dev/null || true; fi
  if [ -f "$state" ]; then LB_PORT=$LB_PORT DOWN_TIMEOUT=10 "$root/deploy/local-cluster.sh" down >/dev/null 2>&1 || true; fi
  # Stopped by `down` through the state file; this covers a failure between its start and the state update.
  if [ -n "$restarted_pid" ] && kill -0 "$restarted_pid" 2>/dev/null; then kill -KILL "$restarted_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
# A signal ends the script through the EXIT trap; the waits below run in the background so that it acts at once.
trap 'exit 130' INT TERM
pause() { sleep "$1" & wait $!; }

[[ $DURATION =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 60 ] || { say "DURATION must be a whole number of seconds, at least 60 (got '$DURATION')"; exit 2; }
[[ $RESTART_SIGNAL =~ ^(KILL|TERM)$ ]] || { say "RESTART_SIGNAL must be KILL or TERM (got '$RESTART_SIGNAL')"; exit 2; }
[[ $RESTART_SILO =~ ^(feed|silo1|silo2)$ ]] || { say "RESTART_SILO must be feed, silo1 or silo2 (got '$RESTART_SILO')"; exit 2; }
if [ -f "$state" ]; then say "a cluster is recorded in $state; stopping it first"; LB_PORT=$LB_PORT "$root/deploy/local-cluster.sh" down >/dev/null 2>&1 || true; fi
mkdir -p "$out"
# The previous run's logs are kept beside the new ones, for comparing a failing run with a passing one.
rm -rf "$out/previous" && mkdir -p "$out/previous"
for f in "$out"/*.txt "$RUN_DIR/logs"; do if [ -e "$f" ]; then mv "$f" "$out/previous/"; fi; done

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building Silo, Gateway and bench/Soak (Release)"
  for project in Silo Gateway bench/Soak; do
    timeout 240 dotnet build "$root/$project" -c Release -v q -nologo >>"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
  done
fi

{
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2 " GB"}') memory, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');"
  echo "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r); .NET runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}');"
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$out/machine.txt"

# Every silo and gateway (and the silo started again) reads the same clock settings, so they agree on the minute.
anchor=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
export MarketData__Simulator__Speed=$SPEED MarketData__Simulator__StartTime=$START_TIME MarketData__Simulator__WallClockAnchor=$anchor
# Socket connects and disconnects stay logged (Information) for the analysis of any gap; the framework only warns,
# except the host's "Application started", which tells when a silo has joined. (That name has dots: bash cannot
# export it, `env` can.)
export Logging__LogLevel__Default=Warning Logging__LogLevel__OrleansMarketData=Information
# UTC times on every log line, to line the logs up with the report's incidents.
export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
  Logging__Console__FormatterOptions__UseUtcTimestamp=true
lifetime_log=Logging__LogLevel__Microsoft.Hosting.Lifetime=Information
# The cluster's gateways require a client key (deploy/local-cluster.sh); the clients present this one.
export CLIENT_KEY_ID=soak CLIENT_SECRET=soak-secret-$$
# All the soak's sockets present that one key, so the per-client limits would count them as one client.
export ClientLimits__MaxSocketsPerClient=0 ClientLimits__RequestsPerSecond=0

say "starting the cluster on port $LB_PORT"
env "$lifetime_log" LB_PORT=$LB_PORT SKIP_BUILD=1 UP_TIMEOUT=150 timeout 200 "$root/deploy/local-cluster.sh" up >"$out/cluster-up.txt" 2>&1 \
  || { cat "$out/cluster-up.txt" >&2; exit 1; }
"$root/deploy/local-cluster.sh" status --json >"$out/status-before.json"

# What is left of the budget after the load: activating the symbols (at most 60 s), closing the clients, writing
# the report, stopping the cluster.
duration=$((budget - SECONDS - 140))
[ "$duration" -lt "$DURATION" ] || duration=$DURATION
[ "$duration" -ge 60 ] || { say "only ${duration}s left of the ${budget}s budget after start-up; not enough for a soak"; exit 1; }
[ "$duration" -eq "$DURATION" ] || say "load shortened to ${duration}s to stay within ${budget}s"

command="bench/soak.sh (CLIENTS=$CLIENTS SYMBOLS=$SYMBOLS DURATION=$duration CHURN=$CHURN CHURN_EVERY=$CHURN_EVERY SPEED=$SPEED START_TIME=$START_TIME RESTART_SILO=$RESTART_SILO RESTART_SIGNAL=$RESTART_SIGNAL)"
say "load: $CLIENTS clients over $SYMBOLS symbols for ${duration}s"
timeout $((duration + 120)) dotnet "$soak_dll" --url "ws://127.0.0.1:$LB_PORT" --api-key "$CLIENT_KEY_ID:$CLIENT_SECRET" --start "$START_TIME" --anchor "$anchor" --speed "$SPEED" \
  --clients "$CLIENTS" --symbols "$SYMBOLS" --duration "$duration" --churn "$CHURN" --churn-every "$CHURN_EVERY" \
  --sample-every "$SAMPLE_EVERY" --state "$state" --ready "$out/ready.txt" --events "$events" --machine "$out/machine.txt" \
  --command "$command" --report "$bench/SOAK.md" >"$out/soak.txt" 2>"$out/soak-errors.txt" &
client_pid=$!

# The symbols are activated and the first clients connect before the clock of the run starts.
for _ in $(seq 1 300); do
  [ -s "$out/ready.txt" ] && break
  kill -0 "$client_pid" 2>/dev/null || break
  sleep 0.5
done
[ -s "$out/ready.txt" ] || { cat "$out/soak-errors.txt" >&2; say "the clients did not connect"; exit 1; }
say "$(cat "$out/soak-errors.txt")"
pause $((duration / 2))

# The silo to restart: by default the one that hosts the market feed, whose loss the feed must survive.
name=$RESTART_SILO hosted_feed=false
if [ "$name" = feed ]; then
  name=$(sed -n 's/.*"name":"\(silo[0-9]*\)"[^}]*"hosts_feed":true.*/\1/p' <("$root/deploy/local-cluster.sh" status --json) | head -1)
  if [ -n "$name" ]; then hosted_feed=true; else name=silo1; fi
fi
read -r _ _ old_pid silo_port gateway_port metrics_port < <(awk -v n="$name" '$1 == "silo" && $2 == n' "$state") \
  || { say "no $name in $state"; exit 1; }
redis_port=$(awk '$1 == "redis" {print $4}' "$state")
say "restarting $name (pid $old_pid, SIG$RESTART_SIGNAL)"
{ echo "silo=$name"; echo "old_pid=$old_pid"; echo "hosted_feed=$hosted_feed"; echo "signal=$RESTART_SIGNAL"; echo "killed_at=$(now)"; } >"$events"
# The restarted silo writes to the same bar store: its settings are read from the one it replaces.
store_connection=$(tr '\0' '\n' <"/proc/$old_pid/environ" | sed -n 's/^BarStore__Postgres__ConnectionString=//p')
kill "-$RESTART_SIGNAL" "$old_pid"
for _ in $(seq 1 300); do running "$old_pid" || break; sleep 0.1; done
if running "$old_pid"; then say "$name did not stop within 30 s; killing it"; kill -KILL "$old_pid" 2>/dev/null || true; sleep 1; fi
# Started as local-cluster.sh starts a silo: same ports and settings, setsid, output in the logs folder.
(cd "$root" && exec env Cluster__Mode=Redis "Cluster__Redis=127.0.0.1:$redis_port" "Cluster__ClusterId=${Cluster__ClusterId:-market-data}" \
  "Cluster__ServiceId=${Cluster__ServiceId:-OrleansMarketData}" "Cluster__SiloPort=$silo_port" "Cluster__GatewayPort=$gateway_port" \
  Cluster__AdvertisedAddress=127.0.0.1 "Telemetry__MetricsPort=${metrics_port:-0}" "$lifetime_log" \
  BarStore__Provider=Postgres "BarStore__Postgres__ConnectionString=$store_connection" setsid dotnet "$silo_dll" </dev/null >"$logs/$name-restarted.log" 2>&1) &
restarted_pid=$!
sed -i "s/^silo $name $old_pid /silo $name $restarted_pid /" "$state"
{ echo "new_pid=$restarted_pid"; echo "started_at=$(now)"; } >>"$events"
# The host logs "Application started" once the silo has joined the cluster.
for _ in $(seq 1 120); do
  if grep -q "Application started" "$logs/$name-restarted.log" 2>/dev/null; then echo "rejoined_at=$(now)" >>"$events"; break; fi
  kill -0 "$restarted_pid" 2>/dev/null || { echo "error=the new silo exited; see $logs/$name-restarted.log" >>"$events"; break; }
  sleep 0.5
done
grep -q '^rejoined_at=\|^error=' "$events" || echo "error=not started within 60 s" >>"$events"

code=0
wait "$client_pid" || code=$?
client_pid=""
"$root/deploy/local-cluster.sh" status --json >"$out/status-after.json" || true
cat "$out/soak.txt"
[ -s "$out/soak-errors.txt" ] && cat "$out/soak-errors.txt" >&2
case $code in
  0) say "wrote bench/SOAK.md: no lost or duplicated bars" ;;
  1) say "wrote bench/SOAK.md: lost or duplicated bars; cluster logs in $logs" ;;
  *) say "the soak client failed (exit $code); see $out/soak-errors.txt" ;;
esac
# A run whose silo never came back did not test the restart: it does not pass.
if [ "$code" -eq 0 ] && grep -q '^error=' "$events"; then
  say "the restarted silo did not rejoin: $(sed -n 's/^error=//p' "$events")"
  code=1
fi
say "done in ${SECONDS}s"
exit "$code"
