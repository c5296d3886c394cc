#!/usr/bin/env python3
"""bench/serve-ab.py: two `codecell serve` builds, A and B, alternating.

On a shared, noisy machine one run of bench/serve.py per build compares
two different loads as much as two builds. This alternates A and B (A B,
B A, A B, ...) for a number of rounds, each round a fresh server of that
build running N trivial programs at concurrency 4 (bench/serve.py's
throughput part), and prints per round and as medians:
  - CPU per trivial run: server + per-run supervisors + guests (getrusage
    of our reaped children, as bench/serve.py)
  - the per-run supervisor's own CPU (the server's stats)
  - throughput
  - the p50 of N trivial programs sent one after another on a fresh server
    of that build (bench/serve.py's back-to-back row), and of N/4 each on
    a connection of its own, 20 ms apart (as `codecell run --server`)
and the B/A ratios of the medians. Each build is a codecell binary with
its guest at ../guest/codecell-guest.

usage: bench/serve-ab.py A_CODECELL B_CODECELL [-n 300] [--rounds 10] [--pool 4]
                         [--a-opts OPTIONS] [--b-opts OPTIONS]
  (one build against itself with an option: A and B the same binary,
   --a-opts '--reuse 1')
Nothing here is a pass/fail test.
"""
import argparse
import os
import shlex
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: throughput_and_cpu)


def one(codecell, sock, n, pool, extra):
    cpu, sup, tput, _ = bench.throughput_and_cpu(codecell, sock, n, pool, extra)
    b2b, conn = latencies(codecell, sock, n, pool, extra)
    return cpu, sup, tput, b2b, conn


def latencies(codecell, sock, n, pool, extra):
    """On a fresh server whose pool was full before the first: the p50 of
    n trivial runs sent one after another (no gap) on one connection, and
    of n/4 runs each on a connection of its own, 20 ms apart; in ms."""
    p, c = bench.start_server(codecell, sock, pool, extra=extra)
    bench.wait_pool(c, pool)
    p50, _ = bench.back_to_back(c, n)
    bench.wait_pool(c, pool)
    conn = bench.per_connection(sock, max(20, n // 4), 0.02)
    c.s.close()
    p.terminate()
    p.wait()
    return p50 / 1000, conn / 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--pool", type=int, default=4)
    ap.add_argument("--a-opts", default="", help="more `codecell serve` options for A, e.g. '--reuse 1'")
    ap.add_argument("--b-opts", default="", help="the same for B")
    a = ap.parse_args()
    opts = {"A": shlex.split(a.a_opts), "B": shlex.split(a.b_opts)}
    tmp = tempfile.mkdtemp(prefix="cc-serve-ab-")
    sock = os.path.join(tmp, "s.sock")
    res = {"A": [], "B": []}
    builds = {"A": a.a, "B": a.b}
    print(f"A = {a.a} {a.a_opts}\nB = {a.b} {a.b_opts}\n{a.rounds} rounds of {a.n} runs, concurrency 4, pool {a.pool}\n")
    print("| round | build | CPU per run | supervisor's own CPU | runs/s | back-to-back p50 | "
          "connection-per-run p50 | load |")
    print("|---|---|---|---|---|---|---|---|")
    for i in range(a.rounds):
        for k in ("A", "B") if i % 2 == 0 else ("B", "A"):
            cpu, sup, tput, b2b, conn = one(builds[k], sock, a.n, a.pool, opts[k])
            res[k].append((cpu, sup, tput, b2b, conn))
            print(f"| {i} | {k} | {cpu:.2f} ms | {sup:.2f} ms | {tput:.0f} | {b2b:.2f} ms | {conn:.2f} ms | "
                  f"{os.getloadavg()[0]:.2f} |", flush=True)
    os.rmdir(tmp)

    def med(k, j):
        return statistics.median(x[j] for x in res[k])

    print("\n| median | A | B | B/A |")
    print("|---|---|---|---|")
    for j, name, unit in ((0, "CPU per trivial run", " ms"), (1, "supervisor's own CPU", " ms"),
                          (2, "throughput, concurrency 4", " runs/s"),
                          (3, "back-to-back p50 (concurrency 1)", " ms"),
                          (4, "connection-per-run p50", " ms")):
        print(f"| {name} | {med('A', j):.2f}{unit} | {med('B', j):.2f}{unit} | {med('B', j) / med('A', j):.2f}x |")
    lower = sum(1 for x, y in zip(res["A"], res["B"]) if y[1] < x[1])
    print(f"\nB's supervisor CPU lower than A's in {lower} of {a.rounds} rounds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
