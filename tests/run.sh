#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test OrleansMarketData.sln --nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: N, Passed: N, ..." line per test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
