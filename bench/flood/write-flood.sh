#!/usr/bin/env bash
# Renders the "Flood" section of bench/RESULTS.md (on stdout) from the runs bench/flood.sh kept in $1 (one folder per
# label), oldest first.
set -uo pipefail
runs=$1
ordered=$(for d in "$runs"/*/; do [ -f "$d/started.txt" ] && echo "$(cat "$d/started.txt") $d"; done | sort | cut -d' ' -f2-)
yes_no() { if [ "$1" = true ]; then echo "**met**"; else echo "**not met**"; fi; }

# One run's figures as JSON: flood.json with the follower's p99 before and during the flood and the memory readings.
figures() {
  local d=$1
  [ -s "$d/flood.json" ] && [ -s "$d/follow.json" ] || return 1
  awk 'NF == 2 && $2 != "" {print "[" $1 "," $2 "]"}' "$d/rss.txt" | jq -s . >"$d/rss.json" 2>/dev/null || echo '[]' >"$d/rss.json"
  jq -n --slurpfile f "$d/flood.json" --slurpfile w "$d/follow.json" --slurpfile r "$d/rss.json" '
    def pct(p): if length == 0 then null else (sort | .[([length - 1, ((length * p) | ceil) - 1] | min)]) end;
    def p99: pct(0.99);
    def mb: if . == null then null else (. / 1024 | round) end;
    # Before: from 10 s after the first bar on; the first bars come right after the socket subscribed and may be
    # bars emitted before it, late by the time the connect took.
    $f[0] as $f | $r[0] as $r | ($w[0].samples | (.[0][0] // 0) as $first | map(select(.[0] >= $first + 10000))) as $s
    | ($r | map(select(.[0] < $f.started)) | last | .[1]) as $before
    | ($r | map(select(.[0] >= $f.started)) | map(.[1]) | max) as $peak
    | ($r | last | .[1]) as $after
    | $f + {
        preP50Ms: ($s | map(select(.[0] < $f.started) | .[1]) | pct(0.5)),
        floodP50Ms: ($s | map(select(.[0] >= $f.started and .[0] <= $f.ended) | .[1]) | pct(0.5)),
        preP99Ms: ($s | map(select(.[0] < $f.started) | .[1]) | p99),
        preBars: ($s | map(select(.[0] < $f.started)) | length),
        floodP99Ms: ($s | map(select(.[0] >= $f.started and .[0] <= $f.ended) | .[1]) | p99),
        floodBars: ($s | map(select(.[0] >= $f.started and .[0] <= $f.ended)) | length),
        followerClosed: $w[0].closed,
        rssBeforeMb: ($before | mb), rssPeakMb: ($peak | mb), rssAfterMb: ($after | mb),
        growthMb: (if $before == null or $peak == null then null else (($peak - $before) | mb) end),
        seconds: ((($f.ended - $f.started) / 100 | round) / 10)
      }'
}
tallies() { jq -r 'if . == {} then "none" else to_entries | map("\(.key): \(.value)") | join(", ") end'; }

cat <<MD
## Flood: distinct unknown symbols (\`bench/flood.sh\`)

$(nproc) cores. A fresh standalone gateway (Release) on the simulator at Speed 30 from a regular session (2025-06-10
09:30 New York), client limits off. One socket reads AAPL's live 1-minute bars (\`/ws/candles/AAPL?timeframe=1Min&limit=1\`,
in a process of its own; latency from the simulator's emit instant to receipt) for 60 s, timed from 10 s after its
first bar (the first ones may be older than the connect); then distinct unknown symbols
(ZZF000000..) go, a third each and the three at once, through REST \`/api/symbols/{s}/latest\` (32 in flight),
\`/ws/candles/{s}?timeframe=1Min&limit=1\` (16 in flight) and \`/v2/stocks/bars?timeframe=1Min&symbols=\` (200 symbols a
request, 4 in flight). Resident memory of the gateway process (which hosts the silo) is sampled every second: before
is the last reading before the flood, growth is the peak during and 10 s after it less that. Symbol grains are
\`market_data_symbol_grains_active\` from \`/metrics\`.

Target: every unknown symbol refused (404, close 4404, or left out of the \`/v2\` answer), resident memory growing
less than 100 MB, no grain per unknown symbol, AAPL's p99 during the flood at most 2× its p99 before.

| Build | Symbols sent (REST / sockets / \`/v2\`) | Flood (s) | REST answers | Socket closes | \`/v2\` answers (symbols with bars) | RSS before / peak / after (MB) | Growth (MB) | Symbol grains before / after | AAPL p50, p99 before / during (ms) (bars) | Load average start / end |
|---|---|---|---|---|---|---|---|---|---|---|
MD
for d in $ordered; do
  label=$(cat "$d/label.txt")
  if ! json=$(figures "$d"); then echo "| $label | not measured | | | | | | | | | |"; continue; fi
  j() { echo "$json" | jq -r "$1"; }
  echo "| $label | $(j '"\(.rest.sent) / \(.ws.sent) / \(.v2.symbols)"') | $(j .seconds) | $(j .rest.statuses | tallies) | $(j .ws.closes | tallies) | $(j .v2.statuses | tallies) ($(j .v2.withBars)) | $(j '"\(.rssBeforeMb) / \(.rssPeakMb) / \(.rssAfterMb)"') | $(j .growthMb) | $(cat "$d/grains-before.txt") / $(cat "$d/grains-after.txt") | $(j '"\(.preP50Ms), \(.preP99Ms) / \(.floodP50Ms), \(.floodP99Ms) (\(.preBars) / \(.floodBars))"') | $(cat "$d/load-start.txt" 2>/dev/null) / $(cat "$d/load-end.txt" 2>/dev/null) |"
done
echo
for d in $ordered; do
  json=$(figures "$d") || continue
  j() { echo "$json" | jq -r "$1"; }
  total=$(j '.rest.sent + .ws.sent + .v2.symbols')
  refused=$(j '(.rest.statuses["404"] // 0) + (.ws.closes["4404"] // 0) + (if .v2.withBars == 0 then (.v2.statuses["200"] // 0) * .batch else 0 end)')
  all=$(j "(.planned.rest + .planned.ws + .planned.v2) == $total and $total == ([$refused, $total] | min)")
  memory=$(j '.growthMb != null and .growthMb < 100')
  p99=$(j '.preP99Ms != null and .floodP99Ms != null and .floodP99Ms <= 2 * .preP99Ms')
  echo "- Verdict, $(cat "$d/label.txt") (run $(cat "$d/started.txt")), $total symbols: every one sent and refused: $(yes_no "$all"); memory growth under 100 MB: $(yes_no "$memory"); AAPL p99 at most 2×: $(yes_no "$p99"). Socket error messages: $(j .ws.messages | tallies). Gateway log while it ran: $(tr '\n' ' ' <"$d/log-counts.txt" 2>/dev/null | sed 's/ $//')."
done
for d in $ordered; do
  [ -f "$d/incidents.txt" ] && echo "- Incidents, $(cat "$d/label.txt"): $(tr '\n' ' ' <"$d/incidents.txt")"
done
echo
if [ -f "$(dirname "$0")/notes.md" ]; then cat "$(dirname "$0")/notes.md"; echo; fi
