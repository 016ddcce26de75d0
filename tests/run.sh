#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "N passed, N failed".
# First the .NET tests (dotnet test builds the solution, and with it the chart page; the cluster tests run
# redis-server, the bar store tests and the local cluster PostgreSQL), then the browser tests of the chart page
# (tests/Browser, node's test runner driving chromium), then the official Alpaca JS SDK against a gateway
# (tests/AlpacaSdk).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet_log=$(mktemp)
trap 'rm -f "$dotnet_log"' EXIT
missing_suites=()

# Servers and the browser the tests use come from Debian's packages; never a browser a tool downloads itself.
# docker-compose resolves docker-compose.yml; nginx checks and runs the load balancer's configuration.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

status=0
dotnet test OrleansMarketData.sln --nologo 2>&1 | tee "$dotnet_log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: N, Passed: N, ..." line per test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$dotnet_log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$dotnet_log" | awk '{s += $2} END {print s + 0}')
if [ "$passed" -eq 0 ]; then missing_suites+=(".NET"); fi

# Runs the node test suite in tests/$1 and adds its counts: node's test runner (TAP) ends with
# "# pass N", "# fail N" and "# cancelled N".
node_suite() {
  local log
  log=$(mktemp)
  (cd "tests/$1" && npm ci --no-audit --no-fund && npm test) 2>&1 | tee "$log" || status=$?
  local suite_passed suite_failed
  suite_passed=$(grep -E '^# pass [0-9]+$' "$log" | awk '{s += $3} END {print s + 0}')
  suite_failed=$(grep -E '^# (fail|cancelled) [0-9]+$' "$log" | awk '{s += $3} END {print s + 0}')
  rm -f "$log"
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
  if [ "$suite_passed" -eq 0 ]; then missing_suites+=("$1"); fi
}
node_suite Browser
node_suite AlpacaSdk

echo "$passed passed, $failed failed"
if [ ${#missing_suites[@]} -gt 0 ]; then
  echo "no test ran in: ${missing_suites[*]}" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
