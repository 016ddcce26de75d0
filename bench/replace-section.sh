#!/usr/bin/env bash
# Puts the markdown section in file $2 into $1 in place of the section of the same name: the heading's first word
# ("## Herd: ..." is the Herd section) up to the next "## " heading. At the end of $1 when it has none. Other
# sections are left as they are. Used by bench/herd.sh, bench/flood.sh and bench/run.sh.
set -euo pipefail
file=$1 section=$2
name=$(head -1 "$section" | sed -n 's/^## \([A-Za-z-]*\).*/\1/p')
[ -n "$name" ] || { echo "replace-section: $section does not start with a '## Name' heading" >&2; exit 1; }
tmp=$(mktemp)
awk -v section="$section" -v name="$name" '
  /^## / { heading = $2; sub(/:$/, "", heading) }
  /^## / && heading == name { while ((getline line < section) > 0) print line; skipping = 1; done = 1; next }
  skipping && /^## / { skipping = 0; print ""; }
  !skipping { print }
  END { if (!done) { print ""; while ((getline line < section) > 0) print line } }
' "$file" >"$tmp"
mv "$tmp" "$file"
