#!/usr/bin/env bash
# The REST requests a new symbol's first chart of one timeframe costs: a standalone gateway at the default depths on
# the fake Alpaca server, with Alpaca's 10,000-bar pages and with 1,000-bar pages (tests/Gateway.Tests/Alpaca/
# AlpacaFirstChartTests.cs, which also asserts the target of at most five requests). Writes the First-chart section
# of bench/RESULTS.md from what those tests print. About a minute after the build.
#
#   bash bench/first-chart.sh      # SKIP_BUILD=1 uses the existing Debug build of the tests
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/artifacts/first-chart
mkdir -p "$out"
build=(); [ -n "${SKIP_BUILD:-}" ] && build=(--no-build)
(cd "$root" && timeout 900 dotnet test tests/Gateway.Tests "${build[@]}" --filter "FullyQualifiedName~AlpacaFirstChartTests" \
  --logger "console;verbosity=detailed" >"$out/test.log" 2>&1)
status=$?
lines=$(grep -o 'first [0-9A-Za-z]* chart of a new symbol.*' "$out/test.log" | sort -u)
[ -n "$lines" ] || { echo "first-chart: the tests printed no figure (exit $status); see $out/test.log" >&2; exit 1; }
{
  echo '## First-chart: REST requests for a new symbol'"'"'s first chart (`bench/first-chart.sh`)'
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC: a standalone gateway at the default depths on the fake Alpaca server; one"
  echo "\`/ws/candles/AAPL?timeframe=...&limit=500\` socket opened, REST requests counted until its history arrived."
  echo "Target: at most 5 REST requests with 10,000-bar pages: $([ $status -eq 0 ] && echo '**met**' || echo '**not met**') (the tests assert it)."
  echo
  echo '```'
  echo "$lines"
  echo '```'
} >"$out/section.md"
"$root/bench/replace-section.sh" "$root/bench/RESULTS.md" "$out/section.md"
echo "first-chart: wrote the First-chart section of bench/RESULTS.md" >&2
exit $status
