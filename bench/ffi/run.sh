#!/usr/bin/env bash
# FFI benchmarks: rusk against the peers installed in /tmp/peers (`npm install bun deno koffi` there).
#   bash bench/ffi/run.sh            (from anywhere; BENCH_N=calls per op, default 2,000,000)
# Builds tests/ffi/fixture.c into a temp dir, runs bench.mjs under Bun and rusk, bench_deno.ts
# under Deno and bench_koffi.cjs under Node + koffi, skipping whatever is not installed/built,
# and prints a markdown table of ns per op (lower is better).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="${PEERS:-/tmp/peers}"
CC="${CC:-cc}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$CC" -shared -fPIC -O2 -pthread "$ROOT/tests/ffi/fixture.c" -o "$TMP/libffi_fixture.so"
export FFI_BENCH_LIB="$TMP/libffi_fixture.so"

names=()   # runtime column titles, in order
run() {    # run NAME CMD...: output lines "op ns/op calls/s" go to $TMP/NAME.out
  local name="$1"; shift
  echo "running $name..." >&2
  if "$@" > "$TMP/$name.out" 2> "$TMP/$name.err"; then
    names+=("$name")
  else
    echo "  $name failed (exit $?); stderr:" >&2
    sed 's/^/    /' "$TMP/$name.err" | tail -n 20 >&2
  fi
}

RUSK="$ROOT/target/release/rusk"
if [ -x "$RUSK" ]; then
  run rusk "$RUSK" run "$ROOT/bench/ffi/bench.mjs"
  # The Deno script unchanged on rusk: the Deno dialect's cost over rusk:ffi.
  run rusk-deno "$RUSK" run "$ROOT/bench/ffi/bench_deno.ts"
else
  echo "skipping rusk: $RUSK not built (cargo build --release)" >&2
fi
if [ -x "$PEERS/node_modules/.bin/bun" ]; then
  run bun "$PEERS/node_modules/.bin/bun" "$ROOT/bench/ffi/bench.mjs"
else
  echo "skipping bun: not installed in $PEERS" >&2
fi
if [ -x "$PEERS/node_modules/.bin/deno" ]; then
  run deno "$PEERS/node_modules/.bin/deno" run --allow-ffi --allow-env "$ROOT/bench/ffi/bench_deno.ts"
else
  echo "skipping deno: not installed in $PEERS" >&2
fi
if command -v node >/dev/null && [ -d "$PEERS/node_modules/koffi" ]; then
  KOFFI="$PEERS/node_modules/koffi" run koffi node "$ROOT/bench/ffi/bench_koffi.cjs"
else
  echo "skipping node+koffi: node or $PEERS/node_modules/koffi missing" >&2
fi

# The QuickJS floor: the same C functions bound by hand-written QuickJS C functions, same loops,
# bare QuickJS-ng (bench/native/src/ffi_floor.rs).
if command -v cargo >/dev/null && (cd "$ROOT" && cargo build --release -q -p rusk_bench_native --bin ffi_floor); then
  run floor "$ROOT/target/release/ffi_floor"
else
  echo "skipping the QuickJS floor: cannot build bench/native" >&2
fi

if [ ${#names[@]} -eq 0 ]; then
  echo "nothing ran" >&2
  exit 1
fi

# Table: one row per op (in bench.mjs order), one column per runtime, ns/op.
ops="noop add_i32 add_f64 add_u64 i64_fast add_f32 id_i16 mix7 sum10_i64 sum10_f64 hash64 cstring_ret callback threadsafe_4x50k variadic_2_ints nonblocking_roundtrip struct_point_add struct_point_add_bytes"
header="| op (ns/op) |"; rule="|---|"
for n in "${names[@]}"; do header+=" $n |"; rule+="---:|"; done
echo
echo "$header"
echo "$rule"
for op in $ops; do
  line="| $op |"
  for n in "${names[@]}"; do
    v="$(awk -v op="$op" '$1 == op { print $2 }' "$TMP/$n.out")"
    line+=" ${v:--} |"
  done
  echo "$line"
done
# rusk / floor, per op (timings on a noisy machine swing both ways; bench/ffi/instructions.sh
# counts instructions instead).
if [ -f "$TMP/rusk.out" ] && [ -f "$TMP/floor.out" ]; then
  echo
  echo "rusk / QuickJS floor:"
  for op in $ops; do
    r="$(awk -v op="$op" '$1 == op { print $2 }' "$TMP/rusk.out")"
    f="$(awk -v op="$op" '$1 == op { print $2 }' "$TMP/floor.out")"
    if [ -n "$r" ] && [ -n "$f" ]; then
      echo "  $op: $(awk -v r="$r" -v f="$f" 'BEGIN { printf "%.2fx", r / f }')"
    fi
  done
fi
