#!/usr/bin/env python3
"""Interleaved A/B of two builds' run cost: `codecell run` of a trivial ES5
and a trivial modern program, alternating the builds run by run so that a
noisy, shared machine's drift hits both alike. Prints medians of the CPU time
(user + sys of codecell and its guest) and of the wall time.
  bench/ab.py N BASE_CODECELL NEW_CODECELL [PROGRAM...]
Given PROGRAM files, those run instead of the two trivial programs (e.g.
bench/closures/*.js, round 20), and the table adds each side's minimum CPU.
Either side may carry `codecell run` options after the path, as one
argument: bench/ab.py 60 "build/supervisor/codecell --no-image" build/supervisor/codecell
"""
import os, resource, shlex, subprocess, sys, statistics, tempfile
progs = {"es5": "1 + 1\n", "modern": "async () => { const { a = 1 }: { a?: number } = {}; return [a, ...[1]].length; }\n"}
d = tempfile.mkdtemp()
files = {}
for k, v in progs.items():
    p = os.path.join(d, k + (".ts" if k == "modern" else ".js")); open(p, "w").write(v); files[k] = p
if len(sys.argv) > 4:
    files = {os.path.basename(p): p for p in sys.argv[4:]}
N = int(sys.argv[1]) if len(sys.argv) > 1 else 60
bins = {"base": shlex.split(sys.argv[2]), "new": shlex.split(sys.argv[3])}
res = {(b, k): [] for b in bins for k in files}
import time
for i in range(N):
    for k in files:
        for b in (("base", "new") if i % 2 == 0 else ("new", "base")):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([bins[b][0], "run", *bins[b][1:], files[k]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
            res[(b, k)].append((cpu * 1000, (t1 - t0) * 1000))
print(f"interleaved A/B, {N} runs each, medians (ms):")
print("| program | build | cpu p50 | cpu min | wall p50 |")
print("|---|---|---|---|---|")
for k in files:
    for b in bins:
        c = statistics.median(x[0] for x in res[(b, k)]); w = statistics.median(x[1] for x in res[(b, k)])
        m = min(x[0] for x in res[(b, k)])
        print(f"| {k} | {b} | {c:.2f} | {m:.2f} | {w:.2f} |")
