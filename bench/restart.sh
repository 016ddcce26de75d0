#!/usr/bin/env bash
# What a restart costs with the bar store: N active symbols (500 by default) on the fake Alpaca server at Alpaca's
# free-plan limit of 200 requests a minute, each kept active by a reader socket; a standalone gateway stopped and
# started again on its SQLite file, then a 2-silo cluster on PostgreSQL whose silos are all killed with kill -9 and
# started again (bench/ClusterRestart). Writes the "Restart" section of bench/RESULTS.md, leaving the rest as it is.
#
#   bash bench/restart.sh                 # SYMBOLS=500; SKIP_BUILD=1 uses the existing Release builds
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
out=$bench/artifacts/restart
mkdir -p "$out"
SYMBOLS=${SYMBOLS:-500}

if [ -z "${SKIP_BUILD:-}" ]; then
  for project in Gateway Silo bench/ClusterRestart; do
    timeout 600 dotnet build "$root/$project" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
  done
fi

load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M')
for mode in standalone cluster; do
  echo "restart: $mode, $SYMBOLS symbols" >&2
  rm -f "$out/$mode.md"
  (cd "$root" && timeout 1800 dotnet bench/ClusterRestart/bin/Release/net10.0/OrleansMarketData.Bench.ClusterRestart.dll \
    --mode "$mode" --symbols "$SYMBOLS" --output "$out/$mode.md" >/dev/null 2>"$out/$mode.log") \
    || echo "### Restart, $mode: the run failed ($(tail -1 "$out/$mode.log"))" >"$out/$mode.md"
done

{
  echo '## Restart: active symbols served again after a restart (`bench/restart.sh`)'
  echo
  echo "Run from $started UTC; load average at start: $load. The targets are those of docs/operations.md"
  echo "(\"Restart cost with many symbols\"); bench/ClusterRestart/findings.md reads the figures."
  echo
  cat "$out/standalone.md"
  echo
  cat "$out/cluster.md"
  echo
  cat "$bench/ClusterRestart/findings.md"
} >"$out/section.md"
"$bench/replace-section.sh" "$bench/RESULTS.md" "$out/section.md"
echo "restart: wrote the Restart section of bench/RESULTS.md" >&2
