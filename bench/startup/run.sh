#!/usr/bin/env bash
# Start-up: median wall time and peak RSS over N runs of `console.log(1)` (JS) and of a
# 200-line TypeScript file, for rusk and the peers installed in /tmp/peers (see peers.md).
# Usage: bench/startup/run.sh [runs]   (build first: cargo build --release)
set -u
cd "$(dirname "$0")/../.."
N=${1:-20}
RUSK=target/release/rusk
measure() { # label, command...
  local label=$1; shift
  local times=() rss=()
  for _ in $(seq "$N"); do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
    rss+=("${out##* }")
  done
  local med_t med_r
  med_t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  med_r=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %s | %.2f ms | %.1f MB |\n' "$label" "$(echo "$med_t/1000" | bc -l)" "$(echo "$med_r/1024" | bc -l)"
}
echo "| runtime / script | median wall | median peak RSS |"
echo "|---|---|---|"
[ -x "$RUSK" ] && measure "rusk one.js" "$RUSK" run bench/startup/one.js
[ -x "$RUSK" ] && measure "rusk ts200.ts" "$RUSK" run bench/startup/ts200.ts
BUN=/tmp/peers/node_modules/.bin/bun; DENO=/tmp/peers/node_modules/.bin/deno
[ -x "$BUN" ] && measure "bun one.js" "$BUN" bench/startup/one.js
[ -x "$BUN" ] && measure "bun ts200.ts" "$BUN" bench/startup/ts200.ts
[ -x "$DENO" ] && measure "deno one.js" "$DENO" run bench/startup/one.js
command -v node >/dev/null && measure "node one.js" node bench/startup/one.js
exit 0
