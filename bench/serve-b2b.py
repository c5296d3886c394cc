#!/usr/bin/env python3
"""bench/serve-b2b.py: why a client that sends its programs back to back
waits longer per program than one that pauses between them.

Starts `codecell serve --pool 4`, waits until the pool's sandboxes are all
ready (stats pool.ready), then alternates two phases of N trivial programs
on one connection, each phase twice:
  - back to back: the next start is sent as the last result arrives;
  - with gaps: 100 ms of idle before each start (the pool refills and its
    supervisors re-arm meanwhile).
Per phase it prints the request -> result p50 and how many of its starts
were handed a pooled sandbox still being spawned (stats pool.waited, of
pool.hits). With --sched, `perf sched record` runs over the first
back-to-back phase and the script prints, per command name, the CPU time
its tasks ran and their mean and worst wait for a CPU after a wake-up
(`perf sched latency`): whether the phase saturates the machine's CPUs.

usage: bench/serve-b2b.py [--codecell build/supervisor/codecell] [-n 150] [--sched]
Nothing here is a pass/fail test.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: Conn, start_server, wait_pool)

POOL = 4
GAP_S = 0.1


def phase(c, tag, n, gap):
    st0 = c.request("stats")["pool"]
    lat = []
    for i in range(n):
        if gap:
            time.sleep(gap)
        t = time.perf_counter()
        c.send({"v": 1, "type": "start", "run": f"{tag}{i}", "code": "async () => 1"})
        for m in c.lines():
            if m.get("type") == "result":
                break
        assert m.get("status") == "ok", m
        lat.append((time.perf_counter() - t) * 1000)
    st1 = c.request("stats")["pool"]
    return statistics.median(lat), st1["waited"] - st0["waited"], st1["hits"] - st0["hits"]


def sched_summary(data):
    """{comm: (runtime ms, mean delay ms, max delay ms)} summed over tasks."""
    out = subprocess.run(["perf", "sched", "latency", "-i", data], capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S.*?):\S*\s*\|\s*([\d.]+) ms\s*\|\s*(\d+)\s*\|\s*avg:\s*([\d.]+) ms\s*\|\s*max:\s*([\d.]+)",
                     line)
        if not m:
            continue
        comm, run_ms, sw, avg, mx = m.group(1), float(m.group(2)), int(m.group(3)), float(m.group(4)), float(
            m.group(5))
        comm = re.sub(r"[/:]\d.*$", "", comm)
        r = rows.setdefault(comm, [0.0, 0, 0.0, 0.0])
        r[0] += run_ms
        r[1] += sw
        r[2] += avg * sw
        r[3] = max(r[3], mx)
    return {k: (v[0], v[2] / v[1] if v[1] else 0.0, v[3]) for k, v in rows.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(bench.ROOT, "build/supervisor/codecell"))
    ap.add_argument("-n", type=int, default=150)
    ap.add_argument("--sched", action="store_true")
    a = ap.parse_args()
    if a.sched and not shutil.which("perf"):
        sys.exit("serve-b2b.py: --sched needs perf (Debian: linux-perf), which is not installed")
    tmp = tempfile.mkdtemp(prefix="cc-b2b-")
    sock = os.path.join(tmp, "s.sock")
    p, c = bench.start_server(a.codecell, sock, POOL)
    try:
        bench.wait_pool(c, POOL)
        print(f"| phase ({a.n} trivial programs, one connection, --pool {POOL}) | p50 ms | "
              "starts handed a sandbox still spawning |")
        print("|---|---|---|")
        for rnd in range(2):
            for tag, gap in (("back to back", 0), (f"{int(GAP_S * 1000)} ms idle before each", GAP_S)):
                rec = None
                if a.sched and rnd == 0 and not gap:
                    data = os.path.join(tmp, "sched.data")
                    rec = subprocess.Popen(["perf", "sched", "record", "-q", "-o", data, "-a"],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    time.sleep(0.5)
                t0 = time.perf_counter()
                p50, waited, hits = phase(c, f"{rnd}{tag[0]}", a.n, gap)
                wall = time.perf_counter() - t0
                if rec:
                    rec.send_signal(signal.SIGINT)
                    rec.wait()
                print(f"| {tag} | {p50:.2f} | {waited} of {hits} |")
                if rec:
                    rows = sched_summary(data)
                    print(f"\nperf sched over that phase ({wall * 1000:.0f} ms of wall, {os.cpu_count()} CPUs; "
                          "the recording began 0.5 s before it, with the pool settled and idle): CPU time by "
                          "command, mean / worst wait for a CPU after a wake-up")
                    for comm, (run, avg, mx) in sorted(rows.items(), key=lambda kv: -kv[1][0])[:8]:
                        print(f"  {comm:<20} {run:8.1f} ms   {avg:.3f} / {mx:.3f} ms")
                    print()
    finally:
        p.terminate()
        p.wait()


if __name__ == "__main__":
    main()
