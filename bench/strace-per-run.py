#!/usr/bin/env python3
"""bench/strace-per-run.py: system calls of each per-run supervisor R, from
`strace -ff` output of a `codecell serve` under load.

  d=$(mktemp -d); python3 bench/serve-load.py -n 200 -- strace -I1 -ff -o $d/t
  python3 bench/strace-per-run.py $d

strace's -I1 lets the interrupt serve-load.py sends at the end reach the
server (strace forwards it to the program it started); with the default
for "-o FILE PROG" it blocks it and the server keeps running.

R is told from the other traced processes (the server, the template) by its
prctl(PR_SET_NAME, "codecell-run"); only the Rs that were handed a run (they
read a "start" line from the server) count, not the pooled ones the server
ended unused at its exit. Prints the mean number of calls per R, in total and
for the most frequent calls. Nothing here is a pass/fail test.

usage: bench/strace-per-run.py DIR [--top 16]
"""
import argparse
import collections
import os
import re

CALL = re.compile(r"^(?:\d+ +)?(?:\d\d:\d\d:\d\d\.\d+ +)?([a-z_][a-z0-9_]*)\(")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=16)
    a = ap.parse_args()
    calls = collections.Counter()
    runs = 0
    for name in os.listdir(a.dir):
        with open(os.path.join(a.dir, name), errors="replace") as f:
            lines = f.read().splitlines()
        if not any('PR_SET_NAME, "codecell-run"' in ln for ln in lines):
            continue
        if not any(ln.startswith('read(0, "{\\"v\\":1,\\"type\\":\\"start\\"') for ln in lines):
            continue
        runs += 1
        for ln in lines:
            m = CALL.match(ln)
            if m:
                calls[m.group(1)] += 1
    if not runs:
        print("no per-run supervisor that was handed a run in", a.dir)
        return 1
    print(f"{runs} runs; system calls per run's supervisor: {sum(calls.values()) / runs:.1f}")
    for k, v in calls.most_common(a.top):
        print(f"  {k:<20} {v / runs:6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
