#!/usr/bin/env bash
# Renders the "Herd" section of bench/RESULTS.md (on stdout) from the runs bench/herd.sh kept in $1 (one folder per
# label), oldest first.
set -uo pipefail
runs=$1
j() { jq -r "$2" "$1" 2>/dev/null || echo "n/a"; }
kv() { sed -n "s/^$2=//p" "$1" 2>/dev/null | head -1; }
yes_no() { if [ "$1" = true ]; then echo "**met**"; else echo "**not met**"; fi; }
ordered=$(for d in "$runs"/*/; do [ -f "$d/started.txt" ] && echo "$(cat "$d/started.txt") $d"; done | sort | cut -d' ' -f2-)

cat <<MD
## Herd: sockets for distinct symbols opened at once (\`bench/herd.sh\`)

$(nproc) cores. A fresh standalone gateway (Release) per herd, with an empty bar store: simulator with 2,000 synthetic
symbols at Speed 60, from a regular session (2025-06-10 09:30 New York), client limits off. Five sockets follow AAPL,
MSFT, NVDA, AMZN and GOOGL first; their live 1-minute bars are timed for 15 s (latency from the simulator's emit
instant to receipt), then N sockets for SYN00001..SYN{N} (\`/ws/candles/{symbol}?timeframe=1Min&limit=1\`) open at
once and are given 90 s. "During" is from the herd's first socket to its last history (or the 90 s). Stream-queue
timeouts are the gateway log's lines naming \`QueueMessageBatchAsync\` / \`IMemoryStreamQueueGrain\`.

Target (on 2 cores, 2,000 sockets): every socket gets its history within 60 s with no error; the following sockets'
p99 during the herd at most 2× their p99 before it; no stream-queue timeouts.

| Build | Sockets | History | Error / no answer | Last history (s) | Median (s) | With a live bar | Following p99 before / during (ms) | Following bars during (got / expected) | Queue timeouts | Gateway RSS after (MB) |
|---|---|---|---|---|---|---|---|---|---|---|
MD
for d in $ordered; do
  label=$(cat "$d/label.txt")
  for n in $(ls "$d" | sed -n 's/^herd-\([0-9]*\)\.json$/\1/p' | sort -n); do
    f="$d/herd-$n.json"
    if [ ! -s "$f" ]; then echo "| $label | $n | not measured | | | | | | | | |"; continue; fi
    rss=$(cat "$d/rss-$n.txt" 2>/dev/null); rss=${rss:+$((rss / 1024))}
    echo "| $label | $n | $(j "$f" .gotHistory) | $(j "$f" '"\(.gotError) / \(.noAnswer)"') | $(j "$f" .lastHistorySeconds) | $(j "$f" .medianHistorySeconds) | $(j "$f" .withLiveBar) | $(j "$f" '"\(.preP99Ms) / \(.herdP99Ms)"') | $(j "$f" '"\(.herdBars) / \(.herdExpectedBars)"') | $(kv "$d/timeouts-$n.txt" queue) / $(kv "$d/timeouts-$n.txt" enqueue) | ${rss:-n/a} |"
  done
done
echo
echo "Errors the herd sockets were sent (symbols shown as SYNxxxxx), by count:"
echo
for d in $ordered; do
  label=$(cat "$d/label.txt")
  for n in $(ls "$d" | sed -n 's/^herd-\([0-9]*\)\.json$/\1/p' | sort -n); do
    f="$d/herd-$n.json"
    [ -s "$f" ] || continue
    echo "- $label, $(j "$f" .herd) sockets: $(j "$f" '.errors | if length == 0 then "none" else to_entries | map("\(.value) × \(.key)") | join("; ") end')"
  done
done
echo
for d in $ordered; do
  f="$d/herd-2000.json"
  [ -s "$f" ] || continue
  all=$(j "$f" '(.gotHistory == .herd) and (.lastHistorySeconds != null) and (.lastHistorySeconds <= 60)')
  p99=$(j "$f" '(.preP99Ms != null) and (.herdP99Ms != null) and (.herdP99Ms <= 2 * .preP99Ms)')
  q=$(( $(kv "$d/timeouts-2000.txt" queue) + $(kv "$d/timeouts-2000.txt" enqueue) ))
  echo "- Verdict, $(cat "$d/label.txt") (run $(cat "$d/started.txt")), 2,000 sockets: every history within 60 s with no error: $(yes_no "$all"); following p99 at most 2×: $(yes_no "$p99"); no stream-queue timeouts: $(yes_no "$([ "$q" = 0 ] && echo true)")."
done
for d in $ordered; do
  [ -f "$d/incidents.txt" ] && echo "- Incidents, $(cat "$d/label.txt"): $(tr '\n' ' ' <"$d/incidents.txt")"
done
echo
[ -f "$(dirname "$0")/notes.md" ] && { cat "$(dirname "$0")/notes.md"; echo; }
