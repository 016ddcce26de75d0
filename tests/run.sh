#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "N passed, N failed".
# First the .NET tests (dotnet test builds the solution, and with it the chart page; the cluster tests run
# redis-server), then the browser tests of the chart page (tests/Browser, node's test runner driving chromium),
# then the official Alpaca JS SDK against a gateway (tests/AlpacaSdk).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet_log=$(mktemp)
browser_log=$(mktemp)
sdk_log=$(mktemp)
trap 'rm -f "$dotnet_log" "$browser_log" "$sdk_log"' EXIT

# Servers and the browser the tests use come from Debian's packages; never a browser a tool downloads itself.
# docker-compose resolves docker-compose.yml; nginx checks and runs the load balancer's configuration.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

status=0
dotnet test OrleansMarketData.sln --nologo 2>&1 | tee "$dotnet_log" || status=$?

(cd tests/Browser && npm ci --no-audit --no-fund && npm test) 2>&1 | tee "$browser_log" || status=$?

(cd tests/AlpacaSdk && npm ci --no-audit --no-fund && npm test) 2>&1 | tee "$sdk_log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: N, Passed: N, ..." line per test project;
# node's test runner (TAP) ends with "# pass N", "# fail N" and "# cancelled N".
passed=$(grep -Eo 'Passed: +[0-9]+' "$dotnet_log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$dotnet_log" | awk '{s += $2} END {print s + 0}')
browser_passed=$(grep -E '^# pass [0-9]+$' "$browser_log" | awk '{s += $3} END {print s + 0}')
browser_failed=$(grep -E '^# (fail|cancelled) [0-9]+$' "$browser_log" | awk '{s += $3} END {print s + 0}')
sdk_passed=$(grep -E '^# pass [0-9]+$' "$sdk_log" | awk '{s += $3} END {print s + 0}')
sdk_failed=$(grep -E '^# (fail|cancelled) [0-9]+$' "$sdk_log" | awk '{s += $3} END {print s + 0}')
passed=$((passed + browser_passed + sdk_passed))
failed=$((failed + browser_failed + sdk_failed))

echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] || [ "$browser_passed" -eq 0 ] || [ "$sdk_passed" -eq 0 ]; then
  echo "no test ran, or no browser test ran, or no Alpaca SDK test ran" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
