#!/usr/bin/env bash
# Prints the "Capacity" section of bench/RESULTS.md from bench/capacity.sh's step reports in $1 (one JSON file per
# target, protocol and step, named target-protocol-CLIENTSxRATE.json); $2 lists the steps in the order they ran.
set -euo pipefail
out=$1 steps=$2
limit=100
cores=$(nproc)
protocols=$(ls "$out" | sed -n 's/^\(gateway\|baseline\)-\([a-z-]*\)-[0-9]*x[0-9]*\.\(json\|skipped\)$/\2/p' | sort -u)
f() { printf '%.*f' "$2" "$1" 2>/dev/null || echo "$1"; }
ratio() { if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] && [ "$(echo "$2 > 0" | bc)" = 1 ]; then echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; else echo "n/a"; fi; }

# One step's figures, tab-separated: delivered/s p50 p99 max delivered% server-us server-cores load-us load-cores processors passed connect-failed lost
figures() {
  jq -r --argjson limit $limit '[.MessagesPerSecond, .LatencyP50Ms, .LatencyP99Ms, .LatencyMaxMs, .DeliveredPercent, .ServerCpuUsPerMessage,
    .ServerCores, .LoadCpuUsPerMessage, .LoadCores, .LoadProcessors,
    (.LatencyP99Ms <= $limit and .DeliveredPercent >= 99.9 and .ConnectFailed == 0 and .ClientsLost == 0), .ConnectFailed, .ClientsLost] | @tsv' "$1" 2>/dev/null
}

cat <<HEAD
## Capacity: the highest delivered msg/s with p99 ≤ ${limit} ms, the gateway against the baseline broadcaster

Measured by \`bench/capacity.sh\` ($(cat "$out/machine.txt" 2>/dev/null)). Each step is a fresh server (the standalone
gateway, or \`bench/BaselineBroadcaster\`) and one load generator on the same machine: *clients* sockets over
the symbols, one symbol each, and *rate* bars per second per symbol (the simulated clock at 60 × rate), measured
inside a regular session. A step **passes** when p99 emit→receipt ≤ ${limit} ms, every bar emitted in the window is
delivered (≥ 99.9 %), and no client failed to connect or was dropped; after the first failing step, a target's
heavier steps are not run. CPU is process CPU time (user + system) over the window divided by the bars received
over it: *server µs/msg* for the server under test, *client µs/msg* for the load generator; *cores* is that CPU over
wall time. Flags: **client-bound** — the load generator used ≥ 85 % of the machine's $cores cores: the figure is the client's
limit, not the server's; **delivered rate fell** — less than 95 % of the previous, lighter step's delivered msg/s: past
the limit of the server or of the client (their CPU columns tell which); **machine-bound** — server and
client together used ≥ 90 % of the $cores cores: they compete for the same CPUs, so both targets meet the machine's
limit there. Raw reports: \`bench/artifacts/capacity/\` (not committed).
HEAD

for protocol in $protocols; do
  declare -A capacity=() at=() bound=()
  rows=""
  for target in gateway baseline; do
    previous=0
    for step in $steps; do
      name="$target-$protocol-$step" clients=${step%x*} rate=${step#*x}
      if [ -f "$out/$name.skipped" ]; then
        rows+="| $clients × $rate | $((clients * rate)) | $target | not run ($(cat "$out/$name.skipped")) | | | | | | |"$'\n'
        continue
      fi
      line=$(figures "$out/$name.json") || line=""
      if [ -z "$line" ]; then rows+="| $clients × $rate | $((clients * rate)) | $target | no report (see $name.txt) | | | | | | |"$'\n'; continue; fi
      IFS=$'\t' read -r rate_s p50 p99 max pct sus scores lus lcores procs passed cfail lost <<<"$line"
      flags=()
      [ "$passed" = true ] || flags+=("fails")
      if [ "$(echo "$lcores >= 0.85 * $procs" | bc 2>/dev/null)" = 1 ]; then flags+=("client-bound"); fi
      if [ "$(echo "$rate_s < 0.95 * $previous" | bc 2>/dev/null)" = 1 ]; then flags+=("delivered rate fell"); fi
      if [ "$(echo "$scores + $lcores >= 0.9 * $cores" | bc 2>/dev/null)" = 1 ]; then flags+=("machine-bound"); fi
      [ "$cfail" = 0 ] || flags+=("$cfail failed to connect")
      [ "$lost" = 0 ] || flags+=("$lost dropped")
      previous=$rate_s
      if [ "$passed" = true ] && [ "$(echo "$rate_s > ${capacity[$target]:-0}" | bc)" = 1 ]; then
        capacity[$target]=$rate_s at[$target]="$clients × $rate" bound[$target]=$(IFS=,; echo "${flags[*]:-}")
      fi
      cpu_ratio=""
      if [ "$target" = gateway ]; then
        base=$(figures "$out/baseline-$protocol-$step.json" | cut -f6) || base=""
        cpu_ratio=$(ratio "$sus" "$base")
      fi
      rows+="| $clients × $rate | $((clients * rate)) | $target | $(f "$rate_s" 0) ($(f "$pct" 2) %) | $(f "$p50" 1) / $(f "$p99" 1) / $(f "$max" 1) | $(f "$sus" 2) ($(f "$scores" 2)) | ${cpu_ratio} | $(f "$lus" 2) ($(f "$lcores" 2)) | $([ "$passed" = true ] && echo yes || echo **no**) | $(IFS=,; echo "${flags[*]:-}" | sed 's/,/, /g') |"$'\n'
    done
  done
  gw=${capacity[gateway]:-} bl=${capacity[baseline]:-}
  echo
  echo "### $protocol"
  echo
  echo "| | capacity (delivered msg/s, p99 ≤ $limit ms) | at step (clients × rate) |"
  echo "|---|---|---|"
  echo "| gateway | $([ -n "$gw" ] && f "$gw" 0 || echo "none passed") | ${at[gateway]:-} ${bound[gateway]:+($(echo "${bound[gateway]}" | sed 's/,/, /g'))} |"
  echo "| baseline broadcaster | $([ -n "$bl" ] && f "$bl" 0 || echo "none passed") | ${at[baseline]:-} ${bound[baseline]:+($(echo "${bound[baseline]}" | sed 's/,/, /g'))} |"
  echo "| gateway / baseline | $(ratio "${gw:-}" "${bl:-}") | |"
  echo
  echo "| step (clients × rate) | offered msg/s | server | delivered msg/s (%) | p50 / p99 / max (ms) | server µs/msg (cores) | server µs/msg, gateway / baseline | client µs/msg (cores) | passes | flags |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s' "$rows"
  unset capacity at bound
done
