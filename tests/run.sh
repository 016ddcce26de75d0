#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "N passed, N failed".
# First the build, then the .NET test projects (every project of the solution that references
# Microsoft.NET.Test.Sdk), then the node suites (every tests/*/package.json: the chart page in chromium, the
# official Alpaca SDK), and the tests that hold at any market time once more at four instants (MARKET_TIMES).
# The run fails when the build fails, when any of those suites reports no result, skips or leaves out a test,
# or when a test host crashes (vstest then still prints a "Passed!" line for what ran); the summary line is
# printed only from complete counts.
set -euo pipefail
cd "$(dirname "$0")/.."

# New York: 03:00 on a weekday, a Saturday, Thanksgiving, and the afternoon after its 13:00 early close. The
# main run covers 10:00 on a weekday (tests/Gateway.Tests/Infrastructure/MarketTime.cs).
MARKET_TIMES=2026-11-18T03:00:00-05:00,2026-11-21T12:00:00-05:00,2026-11-26T12:00:00-05:00,2026-11-27T14:30:00-05:00

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
problems=()

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

if ! dotnet build OrleansMarketData.sln --nologo -v q; then
  echo "the build failed; no test ran" >&2
  exit 1
fi

# Adds the counts of one .NET test project from its summary line in $1 (vstest prints
# "Passed!  - Failed: N, Passed: N, Skipped: N, Total: N, Duration: ... - Assembly.dll (net10.0)"),
# or records why there are none. $3 names the run in messages.
dotnet_counts() {
  local log=$1 assembly=$2 what=$3 line
  line=$(grep -E "(Passed|Failed)! +- Failed: .* - ${assembly//./\\.}\.dll " "$log" || true)
  if [ "$(printf '%s' "$line" | grep -c .)" -ne 1 ]; then
    problems+=("$what: no result")
    return
  fi
  local f p s t
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")
  t=$(sed -E 's/.*Total: +([0-9]+),.*/\1/' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$t" -eq 0 ]; then problems+=("$what: ran no test"); fi
  if [ "$s" -ne 0 ]; then problems+=("$what: $s skipped"); fi
  if [ $((p + f + s)) -ne "$t" ]; then problems+=("$what: $((t - p - f - s)) of $t tests without an outcome"); fi
}

# A crashed or aborted test host leaves a partial count, or none; either way the run says so.
dotnet_aborts() {
  if grep -qE "Test Run Aborted|The active test run was aborted|Test host process crashed" "$1"; then
    problems+=("$2: a test host crashed or the run was aborted")
  fi
}

# The solution's test projects, each with the name of its test assembly.
test_projects=()
test_assemblies=()
for project in $(dotnet sln OrleansMarketData.sln list | grep -E '\.csproj$' | tr '\\' '/'); do
  grep -q 'Microsoft.NET.Test.Sdk' "$project" || continue
  assembly=$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$project")
  test_projects+=("$project")
  test_assemblies+=("${assembly:-$(basename "$project" .csproj)}")
done

dotnet test OrleansMarketData.sln --no-build --nologo 2>&1 | tee "$logs/dotnet.log" || true
dotnet_aborts "$logs/dotnet.log" ".NET tests"
for assembly in "${test_assemblies[@]}"; do dotnet_counts "$logs/dotnet.log" "$assembly" "$assembly"; done

# Adds the counts of a node suite's run from node's TAP summary in $1 ("# pass N", "# fail N", "# cancelled N",
# "# skipped N", "# todo N"). Tests a name pattern left out are reported as skipped with that reason; they are not
# counted as skipped.
node_counts() {
  local log=$1 what=$2 p f c s t left_out
  p=$(grep -E '^# pass [0-9]+$' "$log" | awk '{print $3}' || true)
  if [ -z "$p" ]; then
    problems+=("$what: no result")
    return
  fi
  f=$(grep -E '^# fail [0-9]+$' "$log" | awk '{print $3}')
  c=$(grep -E '^# cancelled [0-9]+$' "$log" | awk '{print $3}')
  s=$(grep -E '^# skipped [0-9]+$' "$log" | awk '{print $3}')
  t=$(grep -E '^# todo [0-9]+$' "$log" | awk '{print $3}')
  left_out=$(grep -c '# SKIP test name does not match pattern' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + f + c))
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then problems+=("$what: ran no test"); fi
  if [ $((s - left_out)) -ne 0 ] || [ "$t" -ne 0 ]; then problems+=("$what: $((s - left_out)) skipped, $t todo"); fi
}

node_suites=()
for package in tests/*/package.json; do
  suite=$(basename "$(dirname "$package")")
  node_suites+=("$suite")
  (cd "tests/$suite" && npm ci --no-audit --no-fund) || problems+=("$suite: npm ci failed")
done

# The tests that hold at any market time (trait MarketTime=any; "[any market time]" in node test names) run
# again at each instant of MARKET_TIMES: the Alpaca source's and the simulator's history, the Alpaca SDK's bars.
# They run in the background beside the node suites, which mostly wait on browsers, gateways and timeouts.
any_time_projects=()
for i in "${!test_projects[@]}"; do
  if grep -rqs --include='*.cs' '\[AnyMarketTime' "$(dirname "${test_projects[$i]}")"; then any_time_projects+=("$i"); fi
done
(
  export TEST_MARKET_TIME=$MARKET_TIMES
  for i in "${any_time_projects[@]}"; do
    dotnet test "${test_projects[$i]}" --no-build --nologo --filter MarketTime=any >"$logs/any-time-$i.log" 2>&1 || true
  done
  for suite in "${node_suites[@]}"; do
    mapfile -t files < <(cd "tests/$suite" && grep -l 'ANY_MARKET_TIME' ./*.test.js || true)
    [ ${#files[@]} -gt 0 ] || continue
    (cd "tests/$suite" && npm test -- --test-name-pattern='\[any market time\]' "${files[@]}") >"$logs/any-time-$suite.log" 2>&1 || true
  done
) &
any_time=$!

for suite in "${node_suites[@]}"; do
  (cd "tests/$suite" && npm test) 2>&1 | tee "$logs/node-$suite.log" || true
  node_counts "$logs/node-$suite.log" "$suite"
done

wait "$any_time" || true
for i in "${any_time_projects[@]}"; do
  cat "$logs/any-time-$i.log"
  dotnet_aborts "$logs/any-time-$i.log" "${test_assemblies[$i]} at any market time"
  dotnet_counts "$logs/any-time-$i.log" "${test_assemblies[$i]}" "${test_assemblies[$i]} at any market time"
done
for suite in "${node_suites[@]}"; do
  [ -f "$logs/any-time-$suite.log" ] || continue
  cat "$logs/any-time-$suite.log"
  node_counts "$logs/any-time-$suite.log" "$suite at any market time"
done

if [ ${#problems[@]} -gt 0 ]; then
  printf '%s\n' "${problems[@]}" >&2
  echo "incomplete: $passed passed and $failed failed in the suites that reported; see above"
  exit 1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
