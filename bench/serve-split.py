#!/usr/bin/env python3
"""bench/serve-split.py: where a served run's CPU goes, by process.

Starts `codecell serve` (pool 4), runs N trivial programs at concurrency 4
through one connection, and prints per run: the server's own CPU and minor
faults (/proc/PID/stat, before and after), the per-run supervisors' CPU
(the server's `stats`), and the guest's CPU as its result reports it
(stats.cpu_ms: the run's cgroup, from the moment its sandbox is placed in
it, so the child's jail setup is included), and the template guest's own
CPU (its clone of each run's child into new namespaces). bench/serve.py gives the total
(every process, reaped); this says whose it is.

With --policy FILE the server's default policy is FILE: a policy whose
limits say "cgroup": "off" shows what the run groups cost the per-run
supervisor (the guest's own CPU, read from its group, is then not counted).

usage: bench/serve-split.py [--codecell build/supervisor/codecell] [-n 400] [--policy FILE]
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


def templates(server_pid):
    """{pid: (own CPU ms, minor faults)} of the server's template guests
    (its children named codecell-guest); a template rotates every 1,000
    runs or 60 s (template.h), so only one alive at both ends is counted."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        comm, rest = st[st.index("(") + 1:st.rindex(")")], st.rsplit(")", 1)[1].split()
        if comm == "codecell-guest" and int(rest[1]) == server_pid:
            out[int(d)] = own(int(d))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(bench.ROOT, "build", "supervisor", "codecell"))
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("--policy", help="the server's default policy file")
    a = ap.parse_args()
    sock = os.path.join(tempfile.mkdtemp(prefix="cc-serve-split-"), "s.sock")
    extra = ["--policy", "default=" + os.path.abspath(a.policy)] if a.policy else []
    p, c = bench.start_server(a.codecell, sock, 4, extra=extra)
    try:
        bench.wait_pool(c, 4)
        s0, st0, t0 = own(p.pid), c.request("stats"), templates(p.pid)
        guest_ms = []
        bench.concurrent(c, a.n, 4, lambda m: guest_ms.append(m["stats"]["cpu_ms"]))
        bench.wait_pool(c, 4)
        s1, st1, t1 = own(p.pid), c.request("stats"), templates(p.pid)
    finally:
        p.terminate()
        p.wait()
    n = a.n
    sup = (st1["supervisor"]["cpu_ms_total"] - st0["supervisor"]["cpu_ms_total"]) / n
    print(f"per trivial run, {n} runs at concurrency 4:")
    print(f"  server (S) own CPU      {(s1[0] - s0[0]) / n:.2f} ms, {(s1[1] - s0[1]) / n:.1f} minor faults")
    print(f"  per-run supervisor (R)  {sup:.2f} ms")
    if None in guest_ms:
        print("  guest (its cgroup)      (runs without a group: not counted)")
    else:
        print(f"  guest (its cgroup)      {sum(guest_ms) / n:.2f} ms")
    same = [pid for pid in t0 if pid in t1]
    if same:
        tm = sum(t1[pid][0] - t0[pid][0] for pid in same) / n
        print(f"  template guest          {tm:.2f} ms (its clone of each run's child)")
    else:
        print("  template guest          (rotated during the measurement: not counted)")


if __name__ == "__main__":
    main()
