#!/usr/bin/env bash
# Compares two builds of rusk on bench/ffi/bench.mjs and their QuickJS floors (bench/native's
# ffi_floor), alternating them for 3 rounds so machine noise hits both alike; prints per-op
# medians. Usage:
#   bash bench/ffi/before_after.sh BEFORE_TARGET_DIR [AFTER_TARGET_DIR]
# where each directory holds release/rusk and release/ffi_floor (e.g. a worktree of an older
# commit built with `CARGO_TARGET_DIR=... cargo build --release -p rusk -p rusk_bench_native`).
set -eu
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BEFORE="${1:?usage: before_after.sh BEFORE_TARGET_DIR [AFTER_TARGET_DIR]}"
AFTER="${2:-$ROOT/target}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"${CC:-cc}" -shared -fPIC -O2 -pthread "$ROOT/tests/ffi/fixture.c" -o "$TMP/fixture.so"
export FFI_BENCH_LIB="$TMP/fixture.so" BENCH_N="${BENCH_N:-1000000}" IB="$TMP"
for r in 1 2 3; do
  "$BEFORE/release/rusk" run "$ROOT/bench/ffi/bench.mjs" > "$TMP/before_rusk_$r.out"
  "$AFTER/release/rusk" run "$ROOT/bench/ffi/bench.mjs" > "$TMP/after_rusk_$r.out"
  "$BEFORE/release/ffi_floor" > "$TMP/before_floor_$r.out"
  "$AFTER/release/ffi_floor" > "$TMP/after_floor_$r.out"
done
python3 - <<'PY'
import os, statistics
ops="noop add_i32 add_f64 add_u64 i64_fast hash64 cstring_ret callback threadsafe_4x50k".split()
def load(kind):
    d={}
    for r in (1,2,3):
        for line in open(f"{os.environ['IB']}/{kind}_{r}.out"):
            p=line.split()
            if len(p)>=2:
                try: d.setdefault(p[0],[]).append(float(p[1]))
                except ValueError: pass
    return {k:statistics.median(v) for k,v in d.items()}
b,a,bf,af=load("before_rusk"),load("after_rusk"),load("before_floor"),load("after_floor")
print("| op | rusk before | rusk after | after/before | floor before | floor after | rusk/floor before | rusk/floor after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for o in ops:
    f=lambda d: f"{d[o]:.1f}" if o in d else "—"
    ratio=lambda x,y: f"{x[o]/y[o]:.2f}×" if o in x and o in y else "—"
    print(f"| {o} | {f(b)} | {f(a)} | {ratio(a,b)} | {f(bf)} | {f(af)} | {ratio(b,bf)} | {ratio(a,af)} |")
PY
