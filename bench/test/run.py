#!/usr/bin/env python3
"""`rusk test` speed, side by side with Bun: median wall time over N runs of
  - a file of 10,000 trivial tests,
  - one test making 100,000 passing `expect(i).toBe(i)` calls,
  - one small test file, and the same code under `rusk run` (the runner's start-up cost),
and the cost of one passing expect() (the 100,000-call file minus an empty test, per call).
Usage: python3 bench/test/run.py [runs]   (build first: cargo build --release;
RUSK=path picks another rusk binary)"""
import os, statistics, subprocess, sys, tempfile, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(root)
work = tempfile.mkdtemp(prefix="rusk-bench-test-")

FILES = {
    "tests10k.test.js": 'import { test } from "bun:test";\n'
    + "for (let i = 0; i < 10000; i++) test(`t${i}`, () => {});\n",
    "expect100k.test.js": 'import { test, expect } from "bun:test";\n'
    + 'test("many", () => { for (let i = 0; i < 100000; i++) expect(i).toBe(i); });\n',
    "empty.test.js": 'import { test, expect } from "bun:test";\ntest("one", () => { expect(1).toBe(1); });\n',
    "small.js": 'console.log(1 + 1);\n',
    "small.test.js": 'import { test, expect } from "bun:test";\ntest("small", () => { expect(1 + 1).toBe(2); });\n',
}
for name, text in FILES.items():
    with open(os.path.join(work, name), "w") as f:
        f.write(text)

def median_ms(cmd):
    walls = []
    for _ in range(N):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append((time.perf_counter() - t0) * 1000)
        if r.returncode != 0:
            return None
    return statistics.median(walls)

runners = {}
rusk = os.environ.get("RUSK") or os.path.abspath("target/release/rusk")
if os.access(rusk, os.X_OK):
    runners["rusk"] = ([rusk, "test"], [rusk, "run"])
bun = "/tmp/peers/node_modules/.bin/bun"
if os.access(bun, os.X_OK):
    runners["bun"] = ([bun, "test"], [bun, "run"])

results = {}
for name, (test_cmd, run_cmd) in runners.items():
    r = {}
    r["10,000 trivial tests"] = median_ms(test_cmd + ["./tests10k.test.js"])
    r["100,000 expect() calls"] = median_ms(test_cmd + ["./expect100k.test.js"])
    r["1 test, 1 expect()"] = median_ms(test_cmd + ["./empty.test.js"])
    r["small file, `test`"] = median_ms(test_cmd + ["./small.test.js"])
    r["small file, `run`"] = median_ms(run_cmd + ["./small.js"])
    results[name] = r

print(f"{N} runs each, median wall time")
print()
print("| case | " + " | ".join(results) + (" | rusk / bun |" if len(results) == 2 else " |"))
print("|---|" + "---|" * len(results) + ("---|" if len(results) == 2 else ""))
for case in next(iter(results.values())):
    cells = [f"{results[n][case]:.1f} ms" if results[n][case] is not None else "failed" for n in results]
    ratio = ""
    if len(results) == 2 and None not in (results["rusk"][case], results["bun"][case]):
        ratio = f" {results['rusk'][case] / results['bun'][case]:.2f}x |"
    print(f"| {case} | " + " | ".join(cells) + " |" + ratio)
print()
for n, r in results.items():
    if None not in (r["100,000 expect() calls"], r["1 test, 1 expect()"]):
        per = (r["100,000 expect() calls"] - r["1 test, 1 expect()"]) * 1e6 / 100000
        print(f"{n}: one passing expect(i).toBe(i) ~ {per:.0f} ns")
    if None not in (r["small file, `test`"], r["small file, `run`"]):
        print(f"{n}: `test` start-up / `run` start-up = {r['small file, `test`'] / r['small file, `run`']:.2f}")
