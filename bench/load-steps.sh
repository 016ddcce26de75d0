# Functions that bench/capacity.sh and bench/quotes.sh share, sourced after they set $bench (the bench folder) and
# $out (their artifacts folder).

# True when something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits up to 30 s for URL $1 to answer 2xx.
wait_ready() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done; return 1; }

# Runs bench/LoadGenerator with these arguments (for at most 5 minutes), and records the command in $out/commands.txt.
load() { echo "LoadGenerator $*" >>"$out/commands.txt"; timeout 300 dotnet "$bench/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll" "$@"; }
