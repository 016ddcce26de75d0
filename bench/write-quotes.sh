#!/usr/bin/env bash
# Writes the "Quotes" section of bench/RESULTS.md (markdown, on stdout) from the artifacts of bench/quotes.sh in $1.
set -euo pipefail
out=$1
: "${SPEED:=73}" "${SYMBOLS:=100}" "${QUOTE_CLIENTS:=100}" "${PER_CLIENT:=10}" "${P99_LIMIT_MS:=50}" "${TARGET_RATE:=20000}"
subscribers=$(( QUOTE_CLIENTS * PER_CLIENT / SYMBOLS )); [ "$subscribers" -ge 1 ] || subscribers=1

# "received/s relayed/s sent/s" of the gateway's tape counters between the two samples of $1 (a run's whole span).
rates() { awk 'NR == 1 { t = $1; r = $2; l = $3; s = $4 } NR == 2 { d = $1 - t; if (d > 0) printf "%.0f / %.0f / %.0f", ($2 - r) / d, ($3 - l) / d, ($4 - s) / d }' "$1" 2>/dev/null || true; }

row() { # row <json> <metrics file or -> <is quotes>
  jq -r --arg tape "$2" --argjson quotes "$3" --argjson subs "$subscribers" --argjson limit "$P99_LIMIT_MS" --argjson target "$TARGET_RATE" '
    def f(n): if n == null or (n | tostring) == "NaN" then "n/a" else (n * 10 | round / 10 | tostring) end;
    def g(n): if n == null or (n | tostring) == "NaN" then "n/a" else (n * 100 | round / 100 | tostring) end;
    (.ExpectedBars / .WindowSeconds) as $offered
    | (.DeliveredBars == .ExpectedBars and .ExpectedBars > 0 and .ConnectFailed == 0 and .ClientsLost == 0) as $full
    | [ .Protocol, "\(.Connected)/\(.Clients)",
        (if $quotes then f($offered / $subs) else "n/a" end), f($offered), f(.MessagesPerSecond),
        "\(.DeliveredBars)/\(.ExpectedBars) (\(.DeliveredPercent * 1000 | round / 1000)%)",
        f(.LatencyP50Ms), f(.LatencyP99Ms), f(.LatencyMaxMs),
        "\(g(.ServerCpuUsPerMessage)) (\(g(.ServerCores)) cores)", "\(g(.LoadCpuUsPerMessage)) (\(g(.LoadCores)) cores)",
        $tape,
        (if $quotes | not then "comparison"
         elif ($full and .LatencyP99Ms <= $limit and $offered >= 0.95 * $target) then "**met**"
         elif ($full and .LatencyP99Ms <= $limit) then "met at \(f($offered)) msg/s offered, below the target rate"
         else "**not met**" end) ]
    | "| " + join(" | ") + " |"' "$1"
}

echo "## Quotes: ${QUOTE_CLIENTS} clients x ${PER_CLIENT} symbols' quotes on \`/v2/iex\` (\`bench/quotes.sh\`)"
echo
echo "Target (issue 22, item 7): quotes for ${SYMBOLS} symbols at 20 quotes/s each to ${QUOTE_CLIENTS} clients each subscribed to"
echo "${PER_CLIENT} of them (${TARGET_RATE} msg/s) through \`/v2/iex\`, delivered fully, p99 <= ${P99_LIMIT_MS} ms, and the gateway CPU per message"
echo "beside the bars figure. One standalone gateway on the simulator at Speed ${SPEED} (60: a simulated minute per wall"
echo "second), in a regular session, $(cat "$out/machine.txt" 2>/dev/null). Expected quotes come from the simulator's tape"
echo "(\`SimulatedMarket.Tape\`, what the gateway's feed releases), so delivered counts are exact; latency is from each quote's"
echo "own time on the simulated timeline to its receipt, including up to the feed's 20-ms release tick. \"Offered\" is what"
echo "the clients' subscriptions should receive in the window; the verdict needs it at 95% of the target rate. The upstream rate"
echo "is also read from the gateway's tape counters (received / relayed / sent per second over the run's whole span, connect"
echo "and grace included). The bars row is the same gateway, same run, after the quotes: one symbol's bars per client, at"
echo "a lower message rate, where the gateway's own background work (timers, renewals) weighs more on each message."
echo
echo "| run | clients | upstream quotes/s (tape) | offered msg/s | delivered msg/s | delivered | p50 ms | p99 ms | max ms | gateway CPU µs/msg | load generator CPU µs/msg | tape counters received / relayed / sent per s | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for protocol in ${PROTOCOLS:-iex-msgpack iex-json}; do
  json="$out/quotes-$protocol.json"
  [ -f "$json" ] || { echo "| $protocol quotes | no report: see \`bench/artifacts/quotes/quotes-$protocol.txt\` |"; continue; }
  row "$json" "$(rates "${json%.json}.metrics")" true
done
[ -f "$out/bars-iex-msgpack.json" ] && row "$out/bars-iex-msgpack.json" "n/a" false
[ -f "$out/incidents.txt" ] && { echo; sed 's/^/- /' "$out/incidents.txt"; }
echo
echo "Commands: \`bench/artifacts/quotes/commands.txt\`."
