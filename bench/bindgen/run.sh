#!/usr/bin/env bash
# Call overhead of rusk_bindgen's generated glue vs a hand-written QuickJS C function and an
# rquickjs #[methods] class. Two measures:
#  1. wall time per loop iteration (best of several interleaved runs), from the binary itself;
#  2. with valgrind installed: instructions per iteration, counted by callgrind as the slope
#     between two loop lengths (start-up cost cancels out). Unlike time, instruction counts do
#     not move with code layout, which shifts the wall-time figures by up to ~10 ns per call.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p rusk_bench_native
BIN=target/release/bench_bindgen
"$BIN" "${1:-5000000}"
if ! command -v valgrind >/dev/null; then
  echo; echo "(valgrind not installed: no instruction counts)"; exit 0
fi
count() { # iterations variant loop -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" --one "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
N1=100000; N2=300000
per_iter() { # variant loop -> instructions per iteration
  local a b; a=$(count $N1 "$1" "$2"); b=$(count $N2 "$1" "$2")
  echo "scale=1; ($b - $a) / ($N2 - $N1)" | bc
}
empty=$(per_iter 0 0)
echo
echo "Instructions per iteration (callgrind; empty loop: $empty; net = minus the empty loop)"
echo
echo "| operation | hand-written C | generated | rquickjs #[methods] | generated / hand-written (net) |"
echo "|---|---|---|---|---|"
names=("" "method add(1)" "typed method add3(1, 2, 3)" "getter value" "cached getter info")
for l in 1 2 3 4; do
  h=$(per_iter 0 $l); g=$(per_iter 1 $l); r=$(per_iter 2 $l)
  hn=$(echo "$h - $empty" | bc); gn=$(echo "$g - $empty" | bc); rn=$(echo "$r - $empty" | bc)
  ratio=$(echo "scale=2; $gn / $hn" | bc)
  echo "| ${names[$l]} | $h ($hn net) | $g ($gn net) | $r ($rn net) | ${ratio}x |"
done
