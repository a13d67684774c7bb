#!/usr/bin/env bash
# Instructions per call of each FFI op, rusk against its QuickJS floor (bench/native's
# ffi_floor), counted by callgrind: each op runs at two call counts and the difference is
# divided, so start-up and warm-up cancel out. Unlike timings, the counts repeat exactly
# whatever else the machine is doing.
#   cargo build --release -p rusk -p rusk_bench_native && bash bench/ffi/instructions.sh [ops...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"${CC:-cc}" -shared -fPIC -O2 -pthread "$ROOT/tests/ffi/fixture.c" -o "$TMP/fixture.so"
export FFI_BENCH_LIB="$TMP/fixture.so" BENCH_RUNS=1
OPS=("$@")
[ ${#OPS[@]} -gt 0 ] || OPS=(noop add_i32 add_f64 add_u64 i64_fast add_f32 id_i16 mix7 sum10_i64 sum10_f64 hash64 cstring_ret)
N1=20000; N2=40000
count() {  # count N CMD...: total instructions of CMD with BENCH_N=N
  local n="$1"; shift
  BENCH_N="$n" valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$@" > /dev/null 2> "$TMP/err" \
    || { cat "$TMP/err" >&2; exit 1; }
  grep -E "^(summary|totals):" "$TMP/cg" | head -1 | awk '{print $2}'
}
# Calls made per BENCH_N=n: rusk's bench() warms up with n/10 then runs n; the floor warms up
# with n/10 then runs BENCH_RUNS times.
echo "| op | rusk | floor | rusk / floor |"
echo "|---|---:|---:|---:|"
for op in "${OPS[@]}"; do
  export BENCH_ONLY="$op"
  r1=$(count $N1 "$ROOT/target/release/rusk" run "$ROOT/bench/ffi/bench.mjs")
  r2=$(count $N2 "$ROOT/target/release/rusk" run "$ROOT/bench/ffi/bench.mjs")
  f1=$(count $N1 "$ROOT/target/release/ffi_floor")
  f2=$(count $N2 "$ROOT/target/release/ffi_floor")
  python3 -c "
calls = 1.1 * ($N2 - $N1)
r = ($r2 - $r1) / calls; f = ($f2 - $f1) / calls
print(f'| $op | {r:.0f} | {f:.0f} | {r / f:.2f}× |')"
done
