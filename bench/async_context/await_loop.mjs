// ns per `await` of a settled value in a tight loop: what the loader's await rewrite (the
// async context across `await`, see docs/compat.md's async_hooks row) costs. With `--als`, the
// loop runs inside an AsyncLocalStorage.run(), so every await restores a context.
import { AsyncLocalStorage } from "node:async_hooks";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const withAls = process.argv.includes("--als");

async function loop() {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += await i;
  return sum;
}

const start = performance.now();
if (withAls) await new AsyncLocalStorage().run({ id: 1 }, loop);
else await loop();
const ns = ((performance.now() - start) * 1e6) / N;
console.log(`${withAls ? "await, ALS in use" : "await"}: ${ns.toFixed(1)} ns per await`);
