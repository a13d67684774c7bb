#!/usr/bin/env bash
# Runs rusk's FFI test suite (or the files given) under valgrind's memcheck:
#   bash scripts/valgrind.sh                      # every file in tests/ffi
#   bash scripts/valgrind.sh tests/ffi/values.test.ts
# Needs valgrind and a C compiler; builds the release binary and the C fixture first. Exits
# non-zero if valgrind reports an error (invalid read/write, use of uninitialised memory,
# invalid free) or a test fails. Leaks are not counted as errors: at exit rusk deliberately
# keeps callback trampolines of threads that may still call (see docs/ffi.md).
#
# rusk's fault-safe reads (read.u8(4096) and the like) touch unreadable memory on purpose and
# turn the fault into a RangeError; scripts/valgrind.supp suppresses exactly those reads (in
# the rusk_ffi_guard_* functions, nowhere else).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
cargo build --release -q
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"${CC:-cc}" -shared -fPIC -O1 -g -pthread tests/ffi/fixture.c -o "$TMP/libffi_fixture.so"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tests/ffi)
# RUSK_VALGRIND: the tests that measure RSS or timer latency skip themselves.
export FFI_FIXTURE="$TMP/libffi_fixture.so" RUSK_VALGRIND=1
valgrind --tool=memcheck --error-exitcode=99 --leak-check=no --track-origins=no \
  --smc-check=all-non-file --fair-sched=yes --quiet \
  --suppressions="$ROOT/scripts/valgrind.supp" \
  target/release/rusk test "${targets[@]}"
