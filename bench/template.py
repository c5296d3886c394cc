#!/usr/bin/env python3
"""Template guest vs exec (issue 12), measured in the same run: a trivial
program N times through
  exec:     N x `codecell run trivial.js` (a process per run, the guest exec'd
            and its prelude loaded every run);
  template: one `codecell run --template=N trivial.js` (one template guest
            loads the prelude once; each run is a clone of it; the template's
            start is included, amortised over N, as a server's rotation would);
  baseline: N x fork+exec /bin/true.
Reports wall per run (mean; and p50 of the result's own stats.wall_ms, which
counts from the run's start to its result) and CPU per run (user + system of
every process involved, from RUSAGE_CHILDREN), with the ratios.

usage: bench/template.py [N] [BUILD_DIR]      (N defaults to 200)
"""
import atexit
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
B = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build")
CODECELL = os.path.join(B, "supervisor", "codecell")
if not os.access(CODECELL, os.X_OK):
    sys.exit("bench: %s not found; build first" % CODECELL)
tmp = tempfile.mkdtemp(prefix="codecell-bench-")
atexit.register(shutil.rmtree, tmp, True)
prog = os.path.join(tmp, "trivial.js")
with open(prog, "w") as f:
    f.write("1 + 1\n")


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(fn):
    c0, t0 = cpu(), time.monotonic()
    out = fn()
    return (time.monotonic() - t0) / N * 1000, (cpu() - c0) / N * 1000, out


def exec_path():
    walls = []
    for _ in range(N):
        p = subprocess.run([CODECELL, "run", "--json", prog], capture_output=True)
        walls.append(json.loads(p.stdout)["stats"]["wall_ms"])
    return walls


def template_path():
    p = subprocess.run([CODECELL, "run", "--json", "--template=%d" % N, prog], capture_output=True)
    lines = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    if len(lines) != N or any(r["status"] != "ok" for r in lines):
        sys.exit("bench: the template path failed: %s" % p.stderr.decode()[-300:])
    return [r["stats"]["wall_ms"] for r in lines]


def true_path():
    for _ in range(N):
        subprocess.run(["/bin/true"])
    return []


# Interleaved halves so that drift on a shared machine hits all alike.
rows = {"exec": [0, 0, []], "template": [0, 0, []], "true": [0, 0, []]}
half = N
N = max(1, half // 2)
for _ in range(2):
    for name, fn in (("true", true_path), ("exec", exec_path), ("template", template_path)):
        w, c, out = measure(fn)
        rows[name][0] += w / 2
        rows[name][1] += c / 2
        rows[name][2] += out
N = half

print("| path (N=%d) | wall per run, mean (ms) | p50 result stats.wall_ms | CPU per run (ms) |" % N)
print("|---|---|---|---|")
for name, label in (("true", "fork+exec /bin/true"), ("exec", "codecell run (exec)"),
                    ("template", "codecell run --template=N")):
    w, c, walls = rows[name]
    p50 = "%g" % statistics.median(walls) if walls else "-"
    print("| %s | %.2f | %s | %.2f |" % (label, w, p50, c))
e, t, tr = rows["exec"], rows["template"], rows["true"]
print()
print("template/exec: wall %.2f, CPU %.2f; template wall / fork+exec true: %.2f" %
      (t[0] / e[0], t[1] / e[1], t[0] / tr[0]))
