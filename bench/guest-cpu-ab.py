#!/usr/bin/env python3
"""bench/guest-cpu-ab.py: bench/guest-cpu.js through several builds'
`codecell run`, alternated round by round (the order reversed every other
round) so the machine's load hits them alike; prints each part's median (or,
with --min, its minimum) in ms and its ratio to the first build. Every run's
results line must equal the first one's, so a build that computes something
else fails the comparison. On a host whose speed drifts from run to run
(round 20: two builds' totals spanned 947-1,312 ms over five runs each) the
minimum is the steadier figure: medians of 6 put the same pair of builds at
1.02 and then 1.11, minima of 12 at 1.00.
Nothing here is a pass/fail test of speed.

usage: bench/guest-cpu-ab.py [--min] BUILD_DIR[,BUILD_DIR...] [ROUNDS]   (default 8)
  e.g. bench/guest-cpu-ab.py /tmp/old-build,build 12
"""
import collections
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(build):
    p = subprocess.run([os.path.join(build, "supervisor", "codecell"), "run", "--timeout", "60s", "--cpu", "60s",
                        os.path.join(HERE, "guest-cpu.js")], capture_output=True, text=True)
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("[")]
    if p.returncode != 0 or len(lines) != 2:
        sys.exit(f"{build}: guest-cpu.js failed (exit {p.returncode}):\n{p.stderr}")
    return json.loads(lines[0]), lines[1]


def main():
    args = sys.argv[1:]
    use_min = "--min" in args
    args = [a for a in args if a != "--min"]
    if not args:
        sys.exit(__doc__)
    builds = args[0].split(",")
    rounds = int(args[1]) if len(args) > 1 else 8
    stat = min if use_min else statistics.median
    times = {b: collections.defaultdict(list) for b in builds}
    want = None
    for r in range(rounds):
        for b in builds if r % 2 == 0 else builds[::-1]:
            parts, results = run(b)
            if want is None:
                want = results
            elif results != want:
                sys.exit(f"{b} computed {results}, another build {want}")
            for kv in parts:
                k, v = kv.split("=")
                times[b][k].append(float(v))
    keys = list(times[builds[0]])
    print(f"bench/guest-cpu.js, {'minimum' if use_min else 'median'} of {rounds} runs per build, ms (ratio to the first build)")
    print("| part | " + " | ".join(builds) + " |")
    print("|---|" + "---|" * len(builds))
    for k in keys + ["total"]:
        if k == "total":
            row = [sum(stat(times[b][kk]) for kk in keys) for b in builds]
        else:
            row = [stat(times[b][k]) for b in builds]
        print(f"| {k} | " + " | ".join(f"{x:.1f} ({x / row[0]:.2f})" for x in row) + " |")


if __name__ == "__main__":
    main()
