#!/usr/bin/env python3
"""bench/serve.py: `codecell serve` against fork+exec, in one run.

Measures, on this machine and in this one run (ratios are what travels):
  - fork+exec /bin/true p50 (bench/spawnbench.c, compiled here)
  - `codecell run` of a trivial program, p50 and CPU (spawnbench)
  - a trivial program through the socket, request -> result p50/p90
    (sequential, one connection, the server's pool warm)
  - throughput at concurrency 4 (runs/s) and CPU per trivial run: the
    server, every per-run supervisor and every guest (getrusage of our
    reaped children: the server reaps its supervisors, they their guests)
  - the server's RSS, and the RSS/PSS of one idle pooled sandbox (its
    supervisor and its guest)

usage: bench/serve.py [--codecell build/supervisor/codecell] [-n 300] [--pool 4]
Prints a Markdown table. Nothing here is a pass/fail test.
"""
import argparse
import atexit
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spawnbench(tmp):
    exe = os.path.join(tmp, "spawnbench")
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(ROOT, "bench", "spawnbench.c")], check=True)
    return exe


def spawn_p50(exe, n, cmd, gap_us=0):
    env = dict(os.environ, SPAWNBENCH_GAP_US=str(gap_us))
    out = subprocess.run([exe, str(n), "10", "--", *cmd], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    return float(out[0]), float(out[4])  # p50 us, cpu p50 us


# The sequential socket measurement's idle gap before each request (the
# pool refills and settles); the gap-matched /bin/true row sleeps the same.
SETTLE_S = 0.1


class Conn:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.buf = b""

    def send(self, obj):
        self.s.sendall((json.dumps(obj) + "\n").encode())

    def lines(self):
        while True:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                yield json.loads(line)
            # 64 KiB, not 1 MiB: CPython allocates the whole size per
            # call, ~45 us of each served tool call in bench/serve-idle.py
            # (docs/PERFORMANCE.md round 24)
            chunk = self.s.recv(65536)
            if not chunk:
                return
            self.buf += chunk

    def request(self, type_):
        self.send({"v": 1, "type": type_})
        for m in self.lines():
            if m.get("type") == type_:
                return m


def start_server(codecell, sock, pool, max_runs=8, extra=()):
    """A server of codecell on sock; extra: more `codecell serve` options."""
    p = subprocess.Popen([codecell, "serve", "--socket", sock, "--pool", str(pool), "--max-runs", str(max_runs),
                          *extra],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            c = Conn(sock)
            return p, c
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def wait_pool(c, pool):
    """Until the pool holds `pool` sandboxes spawned whole (stats pool.ready;
    pool.idle on a build older than that field, for A/B runs) and nothing runs."""
    for _ in range(400):
        st = c.request("stats")
        if st["pool"].get("ready", st["pool"]["idle"]) >= pool and st["runs"]["running"] == 0:
            return st
        time.sleep(0.05)
    return st


def timed_run(c, it, run):
    """One trivial program, request to result, in microseconds."""
    t0 = time.perf_counter()
    c.send({"v": 1, "type": "start", "run": run, "code": "1"})
    for m in it:
        if m.get("type") == "result":
            break
    assert m["status"] == "ok", m
    return (time.perf_counter() - t0) * 1e6


def sequential(c, n, pool):
    lat = []
    it = c.lines()
    for i in range(n):
        # Each request finds a pooled sandbox, as on a server that is not
        # saturated: wait for the refill between requests, and for the
        # refilled sandboxes to finish spawning (the server does not say
        # when a pooled guest is ready; 100 ms is several spawns), not timed.
        wait_pool(c, pool)
        time.sleep(SETTLE_S)
        lat.append(timed_run(c, it, f"s{i}"))
    lat.sort()
    return lat[len(lat) // 2], lat[int(len(lat) * 0.9)], lat[0]


def back_to_back(c, n):
    """Sequential requests with no gap, as a client that runs its programs
    one after another: the pool refills while they run."""
    it = c.lines()
    lat = sorted(timed_run(c, it, f"b{i}") for i in range(n))
    return lat[len(lat) // 2], lat[0]


def per_connection(path, n, gap_s):
    """p50 of n trivial runs, each on a connection of its own that says it
    is its last start (as `codecell run --server` does), gap_s apart, in
    microseconds: connect, start, result."""
    lat = []
    for i in range(n):
        time.sleep(gap_s)
        t0 = time.perf_counter()
        c = Conn(path)
        c.send({"v": 1, "type": "start", "run": f"p{i}", "code": "1", "last": True})
        for m in c.lines():
            if m.get("type") == "result":
                break
        assert m["status"] == "ok", m
        lat.append((time.perf_counter() - t0) * 1e6)
        c.s.close()
    lat.sort()
    return lat[len(lat) // 2]


def concurrent(c, n, width=4, on_result=None):
    """n trivial runs, width at a time; on_result(message) sees each result."""
    it = c.lines()
    t0 = time.perf_counter()
    sent = done = 0
    inflight = 0
    while done < n:
        while inflight < width and sent < n:
            c.send({"v": 1, "type": "start", "run": f"c{sent}", "code": "1"})
            sent += 1
            inflight += 1
        m = next(it)
        if m.get("type") == "result":
            assert m["status"] == "ok", m
            if on_result:
                on_result(m)
            done += 1
            inflight -= 1
    return n / (time.perf_counter() - t0)


def throughput_and_cpu(codecell, sock, n, pool, extra=()):
    """Throughput at concurrency 4 and CPU per run on a fresh server:
    everything it and its children used over the n runs it served (its
    pool's unused sandboxes included), and the per-run supervisors' own
    mean. Returns (cpu ms per run, supervisor ms per run, runs/s, starts
    that found a pooled sandbox)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p, c = start_server(codecell, sock, pool, extra=extra)
    wait_pool(c, pool)
    tput = concurrent(c, n)
    st = c.request("stats")
    c.s.close()
    p.send_signal(signal.SIGTERM)
    p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000 / n
    sup = st["supervisor"]["cpu_ms_total"] / max(1, st["supervisor"]["count"])
    return cpu, sup, tput, st["pool"]["hits"]


def tree(pid):
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def mem_kb(pid, key):
    """VmRSS from status, or Pss from smaps_rollup, in KiB; None if unreadable."""
    path = f"/proc/{pid}/status" if key == "VmRSS" else f"/proc/{pid}/smaps_rollup"
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(ROOT, "build", "supervisor", "codecell"))
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--pool", type=int, default=4)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cc-serve-bench-")
    atexit.register(shutil.rmtree, tmp, True)
    sb = spawnbench(tmp)
    prog = os.path.join(tmp, "one.js")
    with open(prog, "w") as f:
        f.write("1")

    true_p50, _ = spawn_p50(sb, a.n, ["/bin/true"])
    true_gap_p50, _ = spawn_p50(sb, max(50, a.n // 2), ["/bin/true"], gap_us=int(SETTLE_S * 1e6))
    run_p50, run_cpu = spawn_p50(sb, max(50, a.n // 3), [a.codecell, "run", prog])

    sock = os.path.join(tmp, "cc.sock")
    p, c = start_server(a.codecell, sock, a.pool)
    st = wait_pool(c, a.pool)
    server_rss = st["server"]["rss_bytes"]
    pooled = [r for r in tree(p.pid) if r != p.pid]
    # The pooled supervisors are the server's direct children; each one's
    # tree is its supervisor and its guest.
    kids = [k for k in pooled if k in set(tree(p.pid)) and
            int(open(f"/proc/{k}/stat").read().rsplit(")", 1)[1].split()[1]) == p.pid]
    rss = [sum(filter(None, (mem_kb(q, "VmRSS") for q in tree(k)))) for k in kids]
    pss = [sum(filter(None, (mem_kb(q, "Pss") for q in tree(k)))) for k in kids]
    seq_p50, seq_p90, seq_min = sequential(c, a.n, a.pool)
    wait_pool(c, a.pool)
    b2b_p50, b2b_min = back_to_back(c, a.n)
    wait_pool(c, a.pool)
    conn_p50 = per_connection(sock, max(50, a.n // 3), SETTLE_S)
    wait_pool(c, a.pool)
    client_p50, _ = spawn_p50(sb, max(50, a.n // 3), [a.codecell, "run", "--server", sock, prog],
                              gap_us=int(SETTLE_S * 1e6))
    c.s.close()
    p.send_signal(signal.SIGTERM)
    p.wait()

    n_tput = max(a.n, 200)
    cpu_ms, sup_ms, tput, hits = throughput_and_cpu(a.codecell, sock, n_tput, a.pool)

    print(f"codecell serve bench: {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}, N={a.n}, pool {a.pool}\n")
    print("| measure | value | ratio |")
    print("|---|---|---|")
    print(f"| fork+exec /bin/true p50 | {true_p50 / 1000:.2f} ms | 1.00x |")
    print(f"| `codecell run` trivial p50 | {run_p50 / 1000:.2f} ms | {run_p50 / true_p50:.2f}x |")
    print(f"| fork+exec /bin/true p50, {SETTLE_S * 1000:.0f} ms idle before each | {true_gap_p50 / 1000:.2f} ms | "
          f"{true_gap_p50 / true_p50:.2f}x |")
    print(f"| socket request -> result p50 (sequential, pool warm and settled, {SETTLE_S * 1000:.0f} ms idle "
          f"before each) | {seq_p50 / 1000:.2f} ms | {seq_p50 / true_p50:.2f}x; "
          f"{seq_p50 / true_gap_p50:.2f}x of the same-gap /bin/true |")
    print(f"| socket request -> result p90 | {seq_p90 / 1000:.2f} ms | {seq_p90 / true_p50:.2f}x |")
    print(f"| socket request -> result min | {seq_min / 1000:.2f} ms | {seq_min / true_p50:.2f}x |")
    print(f"| socket request -> result p50, back to back (no gap; the pool refills meanwhile) | "
          f"{b2b_p50 / 1000:.2f} ms | {b2b_p50 / true_p50:.2f}x |")
    print(f"| socket request -> result min, back to back | {b2b_min / 1000:.2f} ms | {b2b_min / true_p50:.2f}x |")
    print(f"| socket request -> result p50, a connection per run ({SETTLE_S * 1000:.0f} ms idle before each) | "
          f"{conn_p50 / 1000:.2f} ms | {conn_p50 / true_gap_p50:.2f}x of the same-gap /bin/true |")
    print(f"| `codecell run --server` trivial p50 ({SETTLE_S * 1000:.0f} ms idle before each) | "
          f"{client_p50 / 1000:.2f} ms | {client_p50 / true_p50:.2f}x; "
          f"{client_p50 / true_gap_p50:.2f}x of the same-gap /bin/true |")
    print(f"| throughput, concurrency 4 | {tput:.0f} runs/s | |")
    print(f"| of those starts, handed a pooled sandbox (stats pool.hits) | {hits} of {n_tput} | |")
    print(f"| CPU per trivial run via serve (server + supervisor + guest) | {cpu_ms:.2f} ms | "
          f"{cpu_ms / (run_cpu / 1000):.2f}x of `codecell run` |")
    print(f"| `codecell run` CPU per trivial run | {run_cpu / 1000:.2f} ms | |")
    print(f"| per-run supervisor's own CPU (mean) | {sup_ms:.2f} ms | |")
    print(f"| server RSS (idle, pool full) | {server_rss / 1024:.0f} KiB | |")
    if rss:
        print(f"| idle pooled sandbox RSS (supervisor + guest, mean of {len(rss)}) | "
              f"{statistics.mean(rss):.0f} KiB | |")
    if pss and all(pss):
        print(f"| idle pooled sandbox PSS (shared pages split) | {statistics.mean(pss):.0f} KiB | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
