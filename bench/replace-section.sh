#!/usr/bin/env bash
# Puts the markdown section in file $2 (starting with "## Herd") into $1 in place of its "## Herd" section (up to the
# next "## " heading), or at its end when it has none. Other sections are left as they are.
set -euo pipefail
file=$1 section=$2
tmp=$(mktemp)
awk -v section="$section" '
  /^## Herd/ { while ((getline line < section) > 0) print line; skipping = 1; done = 1; next }
  skipping && /^## / { skipping = 0; print ""; }
  !skipping { print }
  END { if (!done) { print ""; while ((getline line < section) > 0) print line } }
' "$file" >"$tmp"
mv "$tmp" "$file"
