#!/usr/bin/env python3
"""bench/serve-idle.py: what other connections cost one client's tool calls.

A server holds a descriptor per connection and per run. A wait over all of
them at every wake (poll) makes each relayed line cost more with every idle
client connected; a wait on what is ready (epoll, supervisor/server/
pollset.h) does not. This starts `codecell serve` for each build given,
opens K idle connections (or none), and runs one program that makes N
sequential echo tool calls, timing each inside the guest
(performance.now(); the p50 in µs is the program's result). The host is
this script (Python, answering each call at once). Rounds alternate the
builds and the idle count, so load changes hit them alike; medians printed.

usage: bench/serve-idle.py [--idle 200] [-n 3000] [--rounds 3] CODECELL [CODECELL...]
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: Conn, start_server, wait_pool)

POLICY = {"version": 1, "limits": {"wall": "2min", "cpu": "2min", "tool_calls": 1000000}, "tools": {"allow": ["*"]}}


def one(codecell, tmp, idle, n):
    pol = os.path.join(tmp, "echo.json")
    with open(pol, "w") as f:
        json.dump(POLICY, f)
    sock = os.path.join(tmp, "s.sock")
    if os.path.exists(sock):
        os.unlink(sock)
    p, c = bench.start_server(codecell, sock, 2, extra=["--policy", "echo=" + pol])
    try:
        bench.wait_pool(c, 2)
        others = [bench.Conn(sock) for _ in range(idle)]
        code = (f"async () => {{ const t = []; for (let i = 0; i < {n}; i++) {{ const a = performance.now(); "
                f"await codemode.echo(i); t.push(performance.now() - a); }} t.sort((x, y) => x - y); "
                f"return t[t.length >> 1] * 1000; }}")
        c.send({"v": 1, "type": "start", "run": "e", "code": code, "policy_name": "echo"})
        for m in c.lines():
            t = m.get("type")
            if t == "tool_call":
                c.s.sendall((json.dumps({"v": 1, "type": "tool_result", "run": m.get("run"), "id": m["id"],
                                         "ok": True, "value": m.get("args")}) + "\n").encode())
            elif t == "result":
                if m.get("status") != "ok":
                    raise RuntimeError(f"the echo run ended {m.get('status')}: {m.get('error')}")
                for o in others:
                    o.s.close()
                return float(m["value"])
            elif t == "error":
                raise RuntimeError(m.get("message"))
        raise RuntimeError("the server closed the connection")
    finally:
        p.terminate()
        p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("codecell", nargs="+")
    ap.add_argument("--idle", type=int, default=200)
    ap.add_argument("-n", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    res = {(b, k): [] for b in a.codecell for k in (0, a.idle)}
    with tempfile.TemporaryDirectory(prefix="cc-serve-idle-") as tmp:
        for _ in range(a.rounds):
            for b in a.codecell:
                for k in (0, a.idle):
                    res[(b, k)].append(one(b, tmp, k, a.n))
    print(f"tool call p50 (µs, guest clock; median of {a.rounds} rounds of {a.n} calls), a Python host:")
    print(f"| build | no other connection | {a.idle} idle connections | ratio |")
    print("|---|---|---|---|")
    for b in a.codecell:
        z, i = statistics.median(res[(b, 0)]), statistics.median(res[(b, a.idle)])
        print(f"| {b} | {z:.1f} | {i:.1f} | {i / z:.2f}× |")


if __name__ == "__main__":
    main()
