#!/usr/bin/env python3
"""A/B start-up comparison: alternates runs of the given binaries (rusk builds, the QuickJS
floor, Bun) and prints each one's median and first-quartile wall time.
Usage: python3 bench/startup/ab.py [--runs N] [--script PATH] BINARY...
Each binary is timed from a fresh copy (see run.py: how long a file has sat in the page cache
changes its start-up time on the machine measured). A binary whose name contains "floor" is
run without arguments; one whose name contains "bun" gets the script alone; others get
`run SCRIPT`."""
import argparse, os, shutil, statistics, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=200)
parser.add_argument("--script", default="bench/startup/one.js")
parser.add_argument("binaries", nargs="+")
args = parser.parse_args()

DEVNULL = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
copies = tempfile.mkdtemp(prefix="rusk-ab-")
try:
    cmds = []
    for i, binary in enumerate(args.binaries):
        name = os.path.basename(binary)
        copy = os.path.join(copies, f"{i}-{name}")
        shutil.copy2(os.path.realpath(binary), copy)
        if "floor" in name:
            cmds.append((binary, [copy]))
        elif "bun" in name:
            cmds.append((binary, [copy, args.script]))
        else:
            cmds.append((binary, [copy, "run", args.script]))
    walls = {binary: [] for binary, _ in cmds}
    for _ in range(args.runs):
        for binary, cmd in cmds:
            t0 = time.perf_counter()
            pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=DEVNULL)
            os.wait4(pid, 0)
            walls[binary].append((time.perf_counter() - t0) * 1000)
    for binary, w in walls.items():
        print(f"{binary}: median {statistics.median(w):.3f} ms, p25 {statistics.quantiles(w, n=4)[0]:.3f} ms")
finally:
    shutil.rmtree(copies, ignore_errors=True)
