#!/usr/bin/env python3
"""bench/serve-load.py: a steady load on one `codecell serve`, for profilers.

Starts a server (optionally under a wrapper such as `perf record -g -o F --`
or `strace -f -o F`), waits for its pool, runs N trivial programs at
concurrency W through one connection and stops it. The server's stderr
(CODECELL_TRACE=1 output included) goes to --stderr.

  perf record -g -o serve.perf -- python3 bench/serve-load.py -n 300
  perf report -i serve.perf --no-children --sort comm -g none
  perf report -i serve.perf --children --comm codecell-guest --sort sym -g none
  CODECELL_TRACE=1 python3 bench/serve-load.py -n 200 --stderr trace.txt

usage: bench/serve-load.py [--codecell PATH] [-n 300] [-w 4] [--pool 4]
                           [--stderr FILE] [-- WRAPPER...]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: Conn, wait_pool, concurrent)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(bench.ROOT, "build", "supervisor", "codecell"))
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("-w", type=int, default=4, help="runs in flight")
    ap.add_argument("--pool", type=int, default=4)
    ap.add_argument("--stderr", default=os.devnull)
    ap.add_argument("wrapper", nargs="*", help="a command the server runs under (after --)")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cc-serve-load-")
    sock = os.path.join(tmp, "s.sock")
    with open(a.stderr, "w") as err:
        p = subprocess.Popen(a.wrapper + [a.codecell, "serve", "--socket", sock, "--pool", str(a.pool),
                                          "--max-runs", str(max(8, a.w))],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)
        try:
            for _ in range(600):
                try:
                    c = bench.Conn(sock)
                    break
                except OSError:
                    time.sleep(0.05)
            else:
                raise RuntimeError("server did not start")
            bench.wait_pool(c, a.pool)
            print(f"{bench.concurrent(c, a.n, a.w):.0f} runs/s at concurrency {a.w}, N={a.n}")
        finally:
            p.send_signal(2)
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                # A wrapper (strace, perf) that ends on SIGINT may leave the
                # server it traced running: the whole session goes.
                os.killpg(p.pid, 9)
                p.wait()
            try:
                os.unlink(sock)
            except OSError:
                pass
            os.rmdir(tmp)


if __name__ == "__main__":
    main()
