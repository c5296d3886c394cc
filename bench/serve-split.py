#!/usr/bin/env python3
"""bench/serve-split.py: where a served run's CPU goes, by process.

Starts `codecell serve` (pool 4), runs N trivial programs at concurrency 4
through one connection, and prints per run: the server's own CPU and minor
faults (/proc/PID/stat, before and after), the per-run supervisors' CPU
(the server's `stats`), and the guest's CPU as its result reports it
(stats.cpu_ms: the run's cgroup, from the moment its sandbox is placed in
it, so the child's jail setup is included). bench/serve.py gives the total
(every process, reaped); this says whose it is.

usage: bench/serve-split.py [--codecell build/supervisor/codecell] [-n 400]
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: start_server, wait_pool)

TICK = os.sysconf("SC_CLK_TCK")


def own(pid):
    """(own CPU ms, minor faults) of one live process."""
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / TICK, int(f[7])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(bench.ROOT, "build", "supervisor", "codecell"))
    ap.add_argument("-n", type=int, default=400)
    a = ap.parse_args()
    sock = os.path.join(tempfile.mkdtemp(prefix="cc-serve-split-"), "s.sock")
    p, c = bench.start_server(a.codecell, sock, 4)
    try:
        bench.wait_pool(c, 4)
        s0, st0 = own(p.pid), c.request("stats")
        guest_ms = []
        bench.concurrent(c, a.n, 4, lambda m: guest_ms.append(m["stats"]["cpu_ms"]))
        bench.wait_pool(c, 4)
        s1, st1 = own(p.pid), c.request("stats")
    finally:
        p.terminate()
        p.wait()
    n = a.n
    sup = (st1["supervisor"]["cpu_ms_total"] - st0["supervisor"]["cpu_ms_total"]) / n
    print(f"per trivial run, {n} runs at concurrency 4:")
    print(f"  server (S) own CPU      {(s1[0] - s0[0]) / n:.2f} ms, {(s1[1] - s0[1]) / n:.1f} minor faults")
    print(f"  per-run supervisor (R)  {sup:.2f} ms")
    print(f"  guest (its cgroup)      {sum(guest_ms) / n:.2f} ms")


if __name__ == "__main__":
    main()
