#!/usr/bin/env python3
"""bench/echohost.py: a minimal host agent for the benchmark. Runs
`CODECELL run --host` with PROGRAM, answers every tool call with its first
argument, copies log messages to stdout as "log: LEVEL MESSAGE" and the
result line as "result: JSON". Plain Python, no dependencies.
usage: echohost.py CODECELL PROGRAM [debug]   (debug: echo every line received)"""
import json
import subprocess
import sys


def main():
    codecell, program = sys.argv[1], sys.argv[2]
    with open(program, encoding="utf-8") as f:
        code = f.read()
    p = subprocess.Popen([codecell, "run", "--host"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    start = {"v": 1, "type": "start", "code": code, "filename": program, "namespaces": {"bench": None}}
    p.stdin.write((json.dumps(start) + "\n").encode())
    p.stdin.flush()
    status = 1
    for line in p.stdout:
        msg = json.loads(line)
        if len(sys.argv) > 3:
            print("debug:", line[:300])
        t = msg.get("type")
        if t == "tool_call":
            args = msg.get("args") or [None]
            reply = {"v": 1, "type": "tool_result", "id": msg["id"], "ok": True, "value": args[0]}
            try:
                p.stdin.write((json.dumps(reply) + "\n").encode())
                p.stdin.flush()
            except BrokenPipeError:  # the run ended (a limit); its result follows
                pass
        elif t == "log":
            print("log:", msg.get("level"), msg.get("message"))
        elif t == "result":
            print("result:", json.dumps(msg))
            status = 0 if msg.get("status") == "ok" else 1
            break
    p.stdin.close()
    p.wait()
    return status


if __name__ == "__main__":
    sys.exit(main())
