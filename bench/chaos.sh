#!/usr/bin/env bash
# The fault-injection suite: each fault in turn against the local cluster (deploy/local-cluster.sh) on the fake
# Alpaca server, all on 127.0.0.1, while sockets follow symbols through the load balancer; every follower's 1-minute
# bars are checked for gaps and duplicates, and /api/health for the fault and the recovery (bench/Chaos/Program.cs).
# Writes bench/CHAOS.md; exits non-zero when a fault left a gap or a duplicate. About 12 minutes.
#
#   bash bench/chaos.sh            # SKIP_BUILD=1 uses the existing Release builds; SYMBOLS (10), HERD (1000)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/artifacts/chaos
mkdir -p "$out"

if [ -z "${SKIP_BUILD:-}" ]; then
  for project in Gateway Silo bench/Chaos; do
    timeout 600 dotnet build "$root/$project" -c Release -v q -nologo >"$out/build.txt" 2>&1 || { tail -30 "$out/build.txt" >&2; exit 1; }
  done
fi

(cd "$root" && timeout 2400 dotnet bench/Chaos/bin/Release/net10.0/OrleansMarketData.Bench.Chaos.dll \
  --symbols "${SYMBOLS:-10}" --herd "${HERD:-1000}" --output "$out/summary.md" >/dev/null 2>"$out/chaos.log")
status=$?
[ -s "$out/summary.md" ] || { echo "chaos: the run failed: $(tail -3 "$out/chaos.log")" >&2; exit 1; }
{
  echo '# Fault injection (`bench/chaos.sh`)'
  echo
  cat "$out/summary.md"
} >"$root/bench/CHAOS.md"
echo "chaos: wrote bench/CHAOS.md" >&2
exit $status
