#!/usr/bin/env python3
"""Start-up benchmark: median wall time and median peak RSS over N runs of `console.log(1)`
(JS), of a 200-line TypeScript file and of a script that dlopens libc and calls one function, for rusk and the peers installed in /tmp/peers.
Usage: python3 bench/startup/run.py [runs]
(build first: cargo build --release -p rusk -p rusk_bench_native --bin rusk --bin startup_floor;
and `cargo build --profile dist -p rusk` for the shipped binary's rows)"""
import os, shutil, statistics, subprocess, sys, tempfile, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(root)

# Wall time: posix_spawn (cheaper than fork, so less of the figure is the harness).
# Peak RSS: through GNU time, because a child started from Python (forked or spawned) reports the
# interpreter's ~15 MB as its peak (the kernel takes the high-water mark of the memory the child
# had before exec), which hid every figure below that.
DEVNULL = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
GNU_TIME = "/usr/bin/time"

def peak_rss_mb(cmd):
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1]) / 1024

CASES = []

def measure(label, cmd):
    CASES.append((label, cmd))

def run_all():
    """Times the cases round-robin (one run of each per round), so that a burst of load on the
    machine falls on every case alike; then reads each one's peak RSS."""
    walls = {label: [] for label, _ in CASES}
    failed = {}
    for _ in range(N):
        for label, cmd in CASES:
            if label in failed:
                continue
            t0 = time.perf_counter()
            pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=DEVNULL)
            _, status, _ = os.wait4(pid, 0)
            walls[label].append((time.perf_counter() - t0) * 1000)
            if status != 0:
                failed[label] = status
    for label, cmd in CASES:
        if label in failed:
            print(f"| {label} | failed (status {failed[label]}) | |")
            continue
        rss = [peak_rss_mb(cmd) for _ in range(5)]
        rss_text = "n/a" if None in rss else f"{statistics.median(rss):.1f} MB"
        print(f"| {label} | {statistics.median(walls[label]):.2f} ms | {rss_text} |")

# Every binary is timed from a fresh copy, the peers' too: on this machine how the page cache
# holds a file changes a start-up by up to ~0.8 ms. A binary as the linker wrote it started
# ~0.4 ms slower than a copy of the same bytes, and one whose file had sat in the cache for
# hours (Bun's from npm, an old copy of rusk) started 0.3-0.8 ms slower than a new copy.
installed = tempfile.mkdtemp(prefix="rusk-startup-")
def install(path, name=None):
    if not os.access(path, os.X_OK):
        return path
    copy = os.path.join(installed, name or os.path.basename(path))
    shutil.copy2(os.path.realpath(path), copy)
    return copy

print("| runtime / script | median wall | median peak RSS |")
print("|---|---|---|")
rusk = install("target/release/rusk")
if os.access(rusk, os.X_OK):
    measure("rusk console.log(1)", [rusk, "run", "bench/startup/one.js"])
    measure("rusk 200-line .ts", [rusk, "run", "bench/startup/ts200.ts"])
    measure("rusk dlopen + one call", [rusk, "run", "bench/startup/dlopen_call.js"])
# The binary to ship (`cargo build --profile dist -p rusk`: fat LTO, one codegen unit,
# stripped), when it has been built.
if os.path.exists("target/dist/rusk"):
    rusk_dist = install("target/dist/rusk", "rusk-dist")
    measure("rusk (dist) console.log(1)", [rusk_dist, "run", "bench/startup/one.js"])
    measure("rusk (dist) 200-line .ts", [rusk_dist, "run", "bench/startup/ts200.ts"])
    measure("rusk (dist) dlopen + one call", [rusk_dist, "run", "bench/startup/dlopen_call.js"])
# The engine's own floor (bench/native): a bare QuickJS-ng runtime and context printing 1.
floor = install("target/release/startup_floor")
if os.access(floor, os.X_OK):
    measure("QuickJS floor (bare runtime + context, print 1)", [floor])
bun, deno = "/tmp/peers/node_modules/.bin/bun", "/tmp/peers/node_modules/.bin/deno"
if os.access(bun, os.X_OK):
    bun = install(bun, "bun")
    measure("bun console.log(1)", [bun, "bench/startup/one.js"])
    measure("bun 200-line .ts", [bun, "bench/startup/ts200.ts"])
    measure("bun dlopen + one call", [bun, "bench/startup/dlopen_call.js"])
if os.access(deno, os.X_OK):
    measure("deno console.log(1)", [deno, "run", "bench/startup/one.js"])
if subprocess.run(["which", "node"], capture_output=True).returncode == 0:
    measure("node console.log(1)", [shutil.which("node"), "bench/startup/one.js"])
try:
    run_all()
finally:
    shutil.rmtree(installed, ignore_errors=True)
