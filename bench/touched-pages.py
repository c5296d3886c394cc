#!/usr/bin/env python3
"""bench/touched-pages.py: which pages a served run child touches.

Starts `codecell serve` with a pool of one, clears the accessed bits of the
pooled run child (/proc/PID/clear_refs), sends it a program that computes
its value and then sleeps 1.5 s, and while it sleeps prints, per mapping of
the child, the kB it referenced (read or written since the clear) and the
kB it dirtied (its own copies: copy-on-write or new pages). Under a
hypervisor that traps a process's first touch of each page, that is what a
run pays for in page traps. Needs root (clear_refs of another process).

usage: bench/touched-pages.py [--codecell build/supervisor/codecell] [CODE]
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve as bench  # noqa: E402  (bench/serve.py: start_server, wait_pool)


def guests():
    """{pid: ppid} of every codecell-guest process."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = open(f"/proc/{d}/stat").read()
            except OSError:
                continue
            if "(codecell-guest)" in st:
                out[int(d)] = int(st.rsplit(")", 1)[1].split()[1])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codecell", default=os.path.join(bench.ROOT, "build", "supervisor", "codecell"))
    ap.add_argument("code", nargs="?", default="1")
    a = ap.parse_args()
    sock = os.path.join(tempfile.mkdtemp(prefix="cc-touched-"), "s.sock")
    p, c = bench.start_server(a.codecell, sock, 1)
    try:
        bench.wait_pool(c, 1)
        time.sleep(0.5)
        g = guests()
        kids = [k for k, v in g.items() if v in g]
        if len(kids) != 1:
            sys.exit(f"expected one pooled run child, found {kids}")
        kid = kids[0]
        with open(f"/proc/{kid}/clear_refs", "w") as f:
            f.write("1")
        prog = ("(async () => { const x = (" + a.code + ");"
                " await new Promise(r => setTimeout(r, 1500)); return x; })()")
        c.send({"v": 1, "type": "start", "run": "t", "code": prog})
        time.sleep(0.8)
        rows, cur = [], None
        with open(f"/proc/{kid}/smaps") as f:
            for line in f:
                w = line.split()
                if len(w) >= 5 and "-" in w[0] and ":" not in w[0]:
                    cur = {"map": " ".join([w[0], w[1]] + w[5:]), "ref": 0, "dirty": 0, "rss": 0}
                    rows.append(cur)
                elif w[0] == "Referenced:":
                    cur["ref"] = int(w[1])
                elif w[0] == "Private_Dirty:":
                    cur["dirty"] = int(w[1])
                elif w[0] == "Rss:":
                    cur["rss"] = int(w[1])
        print("referenced kB  dirtied kB  rss kB  mapping")
        for r in rows:
            if r["ref"] or r["dirty"]:
                print(f"{r['ref']:13d} {r['dirty']:11d} {r['rss']:7d}  {r['map']}")
        small = [r for r in rows if r["rss"] < 4096]
        print(f"outside the huge-page mappings: {sum(r['ref'] for r in small)} kB referenced, "
              f"{sum(r['dirty'] for r in small)} kB dirtied")
        for m in c.lines():
            if m.get("type") == "result":
                break
    finally:
        p.terminate()
        p.wait()


main()
