#!/usr/bin/env bash
# ns per `await` with rusk's await rewrite on and off (RUSK_NO_ASYNC_CONTEXT=1), without and
# with an AsyncLocalStorage in use; Node alongside when NODE points at a node binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
RUSK=target/release/rusk
B=bench/async_context/await_loop.mjs
for als in "" --als; do
  echo "rusk, rewrite on:  $($RUSK run $B $als)"
  echo "rusk, rewrite off: $(RUSK_NO_ASYNC_CONTEXT=1 $RUSK run $B $als)"
  if [ -n "${NODE:-}" ]; then echo "node:              $($NODE $B $als)"; fi
done
