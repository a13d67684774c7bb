#!/usr/bin/env python3
"""Start-up benchmark: median wall time and median peak RSS over N runs of `console.log(1)`
(JS) and of a 200-line TypeScript file, for rusk and the peers installed in /tmp/peers.
Usage: python3 bench/startup/run.py [runs]   (build first: cargo build --release)"""
import os, statistics, subprocess, sys, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(root)

def measure(label, cmd):
    walls, rss = [], []
    for _ in range(N):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append((time.perf_counter() - t0) * 1000)
        rss.append(usage.ru_maxrss / 1024)
        if status != 0:
            print(f"| {label} | failed (status {status}) | |")
            return
    print(f"| {label} | {statistics.median(walls):.2f} ms | {statistics.median(rss):.1f} MB |")

print("| runtime / script | median wall | median peak RSS |")
print("|---|---|---|")
rusk = "target/release/rusk"
if os.access(rusk, os.X_OK):
    measure("rusk console.log(1)", [rusk, "run", "bench/startup/one.js"])
    measure("rusk 200-line .ts", [rusk, "run", "bench/startup/ts200.ts"])
bun, deno = "/tmp/peers/node_modules/.bin/bun", "/tmp/peers/node_modules/.bin/deno"
if os.access(bun, os.X_OK):
    measure("bun console.log(1)", [bun, "bench/startup/one.js"])
    measure("bun 200-line .ts", [bun, "bench/startup/ts200.ts"])
if os.access(deno, os.X_OK):
    measure("deno console.log(1)", [deno, "run", "bench/startup/one.js"])
if subprocess.run(["which", "node"], capture_output=True).returncode == 0:
    measure("node console.log(1)", ["node", "bench/startup/one.js"])
