#!/usr/bin/env bash
# Renders bench/RESULTS.md (on stdout) from the artifacts bench/run.sh wrote into the directory $1.
set -uo pipefail
out=$1
j() { jq -r "$2" "$out/$1" 2>/dev/null || echo "n/a"; }
num() { [[ $1 =~ ^-?[0-9.]+$ ]]; }
verdict() { if [ "$1" = 1 ]; then echo "**met**"; elif [ "$1" = 0 ]; then echo "**not met**"; else echo "not measured"; fi; }
check() { # check <value> <op> <limit>: 1, 0 or n/a
  num "$1" || { echo n/a; return; }
  echo "$1 $2 $3" | bc -l
}
both() { if [ "$1" = 1 ] && [ "$2" = 1 ]; then echo 1; elif [ "$1" = n/a ] || [ "$2" = n/a ]; then echo n/a; else echo 0; fi; }
rps() { awk '/Requests\/sec/ {print $2}' "$out/$1" 2>/dev/null | head -1; }
wrk_line() {
  [ -f "$out/$1" ] || { echo "| $2 | not run | | | |"; return; }
  local r p50 p99 errs
  r=$(rps "$1"); p50=$(awk '$1=="50%" {print $2}' "$out/$1"); p99=$(awk '$1=="99%" {print $2}' "$out/$1")
  errs=$(grep -E "Non-2xx|Socket errors" "$out/$1" | tr '\n' ' ')
  echo "| $2 | ${r:-n/a} | ${p50:-n/a} | ${p99:-n/a} | ${errs:-none} |"
}
fanout_line() {
  [ -f "$out/$1" ] || { echo "| $2 | not run | | | | | | | |"; return; }
  echo "| $2 | $(j "$1" '"\(.Connected)/\(.Clients)"') | $(j "$1" '"\(.DeliveredBars)/\(.ExpectedBars) (\(.DeliveredPercent*1000|round/1000)%)"') | $(j "$1" '.MessagesPerSecond|round') | $(j "$1" '.AverageMessageBytes|round') | $(j "$1" '"\(.LatencyP50Ms*10|round/10) / \(.LatencyP99Ms*10|round/10) / \(.LatencyMaxMs*10|round/10)"') | $(j "$1" '"\(.ClientsMissingBars) / \(.ClientsLost)"') | $(j "$1" '.ConnectSeconds*10|round/10') | $(j "$1" '.ServerCpuUsPerMessage*100|round/100') / $(j "$1" '.LoadCpuUsPerMessage*100|round/100') |"
}

gw_rate=$(j fanout-gateway.json .MessagesPerSecond)
wal_p99=$(j fanout-gateway.json .LatencyP99Ms) none_p99=$(j fanout-gateway-none.json .LatencyP99Ms)
wal_added=n/a
if num "$wal_p99" && num "$none_p99"; then wal_added=$(printf '%.1f' "$(echo "$wal_p99 - $none_p99" | bc -l)"); fi
base_rate=$(j fanout-baseline.json .MessagesPerSecond)
ratio=n/a; num "$gw_rate" && num "$base_rate" && ratio=$(echo "scale=3; $gw_rate / $base_rate" | bc -l)
cl_rate=$(j fanout-cluster.json .MessagesPerSecond)
cl_ratio=n/a; num "$cl_rate" && num "$base_rate" && cl_ratio=$(echo "scale=3; $cl_rate / $base_rate" | bc -l)
ready=$(cat "$out/ready-seconds.txt" 2>/dev/null | xargs printf "%.2f" 2>/dev/null || echo n/a)
per_symbol_kb=$(grep -oP 'heap per symbol: \K[0-9.]+(?= KB)' "$out/memory.txt" 2>/dev/null || echo n/a)
apply_row=$(grep -m1 "^| 'SymbolHistory.Apply" "$out/bdn.txt" 2>/dev/null)
# The header of that row's table: BenchmarkDotNet does not always put Median, Min and Max in the same order.
apply_header=$(grep -B2 -m1 "^| 'SymbolHistory.Apply" "$out/bdn.txt" 2>/dev/null | grep -m1 '^| Method')
# apply_column <name>: that column of the row, over the iterations of the five processes.
apply_column() {
  printf '%s\n%s\n' "$apply_header" "$apply_row" | awk -F'|' -v name="$1" \
    'NR == 1 { for (i = 1; i <= NF; i++) { c = $i; gsub(/ /, "", c); if (c == name) col = i } }
     NR == 2 && col { v = $col; gsub(/ /, "", v); print v }'
}
apply_ns=$(apply_column Median | tr -dc '0-9.')
apply_range="$(apply_column Min)–$(apply_column Max)"
# BenchmarkDotNet writes "-" for nothing allocated.
apply_b=$(echo "$apply_row" | awk -F'|' 'NF > 1 {print $(NF-1)}' | tr -d ' ' | sed 's/^-$/0/' | tr -dc '0-9.')

cat <<MD
# Benchmark results

Measured by \`bench/run.sh\` from $(date -u -d "@$(head -1 "$out/steps.txt" | cut -d' ' -f1)" +"%Y-%m-%d %H:%M" 2>/dev/null) to $(date -u -d "@$(tail -1 "$out/steps.txt" | cut -d' ' -f1)" +"%H:%M UTC" 2>/dev/null)${RESULTS_NOTE:+ ($RESULTS_NOTE)}. Raw outputs are in \`bench/artifacts/\` (not committed).
Figures from a shared 2-core machine: other builds may have run at the same time (see the load average).

## Machine

\`\`\`
$(cat "$out/machine.txt" 2>/dev/null)
\`\`\`

$( [ -s "$out/incidents.txt" ] && { echo "**Incidents during this run:**"; sed 's/^/- /' "$out/incidents.txt"; echo; } )

## How it was run

\`bench/run.sh\` (every process on 127.0.0.1; each step bounded by \`timeout\`). Gateways and silos ran with
\`MarketData__Simulator__SyntheticSymbols=10000\`, \`MarketData__History__Minute1=1000\` (\`Minute5=200\`,
\`Minute15=100\`, \`Hour1=50\`, \`Day1=10\`), \`Logging__LogLevel__Default=Warning\`, and a shared
\`MarketData__Simulator__StartTime\` / \`WallClockAnchor\` / \`Speed\`. Standalone gateways write to the default
SQLite bar store, a new file for each gateway, except the run marked \`None\`; the cluster's silos to the PostgreSQL
that \`deploy/local-cluster.sh\` starts. The measuring commands:

\`\`\`
$(sed -E 's/--anchor [^ ]+/--anchor <start of the server>/' "$out/commands.txt" 2>/dev/null)
dotnet bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll --memory N 1000 200 100 50 10
\`\`\`

| step | seconds |
|---|---|
$(awk 'NR > 1 { printf "| %s | %d |\n", name, $1 - start } { start = $1; $1 = ""; name = substr($0, 2) }' "$out/steps.txt" 2>/dev/null)

## Targets

| target | measured | verdict |
|---|---|---|
| one 1-minute bar through aggregation + indicators: ≤ 100 ns, 0 B | ${apply_ns:-n/a} ns (median of 5 processes' iterations; all: ${apply_range:-n/a}), ${apply_b:-n/a} B (5 timeframes) | $(verdict "$( [ -n "${apply_ns:-}" ] && [ -n "${apply_b:-}" ] && both "$(check "$apply_ns" '<=' 100)" "$(check "$apply_b" '<=' 0)" )") |
| (a) 5,000 clients / 100 symbols / 100 bars/s: 100% delivered | $(j fanout-gateway.json '.DeliveredPercent*1000|round/1000')% | $(verdict "$(check "$(j fanout-gateway.json .DeliveredPercent)" '>=' 100)") |
| (a) p99 ≤ 50 ms (emit → receipt) | $(j fanout-gateway.json '.LatencyP99Ms*10|round/10') ms (baseline broadcaster: $(j fanout-baseline.json '.LatencyP99Ms*10|round/10') ms; light load, 500 clients: gateway $(j light-gateway.json '.LatencyP99Ms*10|round/10') ms, baseline $(j light-baseline.json '.LatencyP99Ms*10|round/10') ms) | $(verdict "$(check "$(j fanout-gateway.json .LatencyP99Ms)" '<=' 50)") |
| write-ahead on the live path: p99 at ${CLIENTS:-5000} clients within 5 ms of the \`None\` bar store | SQLite $(j fanout-gateway.json '.LatencyP99Ms*10|round/10') ms, \`None\` $(j fanout-gateway-none.json '.LatencyP99Ms*10|round/10') ms: ${wal_added} ms | $(verdict "$(check "$wal_added" '<=' 5)") |
| (a) throughput ≥ 0.8 × baseline | ${gw_rate} / ${base_rate} msg/s = ${ratio} | $(verdict "$(check "$ratio" '>=' 0.8)") |
| (b) burst of one bar per symbol reaches clients within 1 s | max $(j burst.json '.LatencyMaxMs|round') ms over $(j burst.json .Symbols) symbols, $(j burst.json '.DeliveredPercent*1000|round/1000')% delivered (baseline broadcaster: max $(j burst-baseline.json '.LatencyMaxMs|round') ms) | $(verdict "$(both "$(check "$(j burst.json .LatencyMaxMs)" '<=' 1000)" "$(check "$(j burst.json .DeliveredPercent)" '>=' 100)")") |
| (c) \`historical?limit=100\` ≥ 10,000 req/s (wrk, 64 connections) | $(rps wrk-historical.txt) req/s | $(verdict "$(check "$(rps wrk-historical.txt)" '>=' 10000)") |
| (c) \`/latest\` ≥ 20,000 req/s | $(rps wrk-latest.txt) req/s | $(verdict "$(check "$(rps wrk-latest.txt)" '>=' 20000)") |
| (d) memory per active symbol ≤ 150 KB | ${per_symbol_kb} KB | $(verdict "$(check "$per_symbol_kb" '<=' 150)") |
| (e) start to ready ≤ 5 s | ${ready} s | $(verdict "$(check "$ready" '<=' 5)") |

## Fan-out: WebSocket clients on \`/ws/candles/{symbol}?timeframe=1Min&limit=1\`

Simulated market at Speed 60 from ${START_TIME:-2025-06-10T09:30:00-04:00} (a regular session, so every minute has a bar for
every symbol): one bar per symbol per second. CPU per delivered message is the process's CPU time over the measured
window divided by the bars received over it (n/a: a process on other hosts' behalf, as the cluster's, is not read);
\`bench/capacity.sh\` steps the load to the machine's limit (the Capacity section). Latency runs from the instant the source emitted the bar (the
simulated clock passing the end of its minute, mapped to the wall clock through \`StartTime\`, \`WallClockAnchor\` and
\`Speed\`) to its receipt by the client; both run on this machine's clock.

| run | clients | bars delivered | bar msg/s | bytes/msg | latency p50 / p99 / max (ms) | clients missing bars / lost | connect (s) | CPU µs per delivered msg: server / load generator |
|---|---|---|---|---|---|---|---|---|
$(fanout_line light-gateway.json "gateway, standalone, light ($(j light-gateway.json .Clients) clients)")
$(fanout_line light-baseline.json "baseline, light ($(j light-baseline.json .Clients) clients)")
$(fanout_line fanout-gateway.json "gateway, standalone")
$(fanout_line fanout-gateway-none.json "gateway, standalone, no bar store (\`BarStore__Provider=None\`)")
$(fanout_line fanout-baseline.json "baseline broadcaster (no Orleans)")
$(fanout_line fanout-cluster.json "cluster: 2 silos, 2 gateways, nginx")
$(fanout_line burst.json "burst: 1 bar × each symbol per mark")
$(fanout_line burst-baseline.json "burst, baseline broadcaster")

Fan-out throughput relative to the baseline: standalone ${ratio}, cluster ${cl_ratio}.

Activation (symbol grains loading history, through \`GET /latest\`, 16 at a time):

\`\`\`
$(cat "$out/activate-fanout.txt" "$out/activate-burst.txt" "$out/activate-cluster.txt" 2>/dev/null)
\`\`\`

## REST with wrk (2 threads, 64 connections, 10 s after 3 s unmeasured, AAPL)

| route | req/s | p50 | p99 | errors |
|---|---|---|---|---|
$(wrk_line wrk-historical.txt "standalone \`historical?timeframe=1Min&limit=100\`")
$(wrk_line wrk-latest.txt "standalone \`latest\`")
$(wrk_line wrk-cluster-historical.txt "cluster (nginx) \`historical?timeframe=1Min&limit=100\`")
$(wrk_line wrk-cluster-latest.txt "cluster (nginx) \`latest\`")

## Memory per active symbol

\`\`\`
$(cat "$out/memory.txt" 2>/dev/null)
\`\`\`

Gateway process after the standalone fan-out run: $(cat "$out/gateway-rss.txt" 2>/dev/null | tr -s ' ')

## BenchmarkDotNet (ShortRun: 3 warm-up, 3 measured iterations; \`SymbolUpdateBenchmarks\`: 5 processes of 3 warm-up and 5 measured iterations of 100,000 bars)

$(for f in "$out"/bdn/results/*-report-github.md; do [ -f "$f" ] && sed -n "/^|/{s/&#39;/'/g;p}" "$f" && echo; done)

$(cat "$(dirname "$0")/findings.md")

## Alpaca-protocol encoding (JSON and msgpack)

The frames of the \`/v2/{feed}\` stream (\`Gateway/AlpacaApi/Stream/\`), measured in step 1 by
\`StreamFrameBenchmarks\` (the \`stream frame\` rows of the BenchmarkDotNet table above): a live batch (one
symbol's minute bar with its daily bar) and a catch-up batch of 100 minute bars, in JSON and in msgpack.
MD
