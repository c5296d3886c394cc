#!/usr/bin/env python3
"""bench/toolcall-host.py: the smallest NDJSON host for the tool-call round
trip (bench/toolcall-roundtrip.mjs): reads a program on stdin, runs it with
`CODECELL run --host`, answers every `bench.echo` call with its first
argument and prints the result's value as JSON, with "cpu_us_per_call":
the CPU time (user + system) of codecell and its guest over the whole run,
divided by the calls answered (so it includes the run's start, which long
runs make small). The children's counter is read before codecell starts and
subtracted: it survives exec, so a launcher that ran children before
exec'ing Python (pyenv's shim runs ~40) would otherwise be counted too. Plain Python, unbuffered binary pipes, one write per reply.
usage: toolcall-host.py CODECELL MAX_TOOL_CALLS < PROGRAM"""
import json
import resource
import subprocess
import sys


def main():
    codecell, max_calls = sys.argv[1], sys.argv[2]
    code = sys.stdin.read()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen([codecell, "run", "--host", "--max-tool-calls", max_calls, "--timeout", "120s",
                          "--cpu", "120s"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    start = {"v": 1, "type": "start", "code": code, "filename": "roundtrip.js", "namespaces": {"bench": None}}
    p.stdin.write((json.dumps(start) + "\n").encode())
    out = p.stdout
    w = p.stdin.write
    status = 1
    calls = 0
    buf = b""
    while True:
        chunk = out.read1(65536) if hasattr(out, "read1") else out.read(65536)
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            msg = json.loads(line)
            t = msg.get("type")
            if t == "tool_call":
                calls += 1
                args = msg.get("args") or [None]
                w(b'{"v":1,"type":"tool_result","id":' + json.dumps(msg["id"]).encode() + b',"ok":true,"value":'
                  + json.dumps(args[0]).encode() + b"}\n")
            elif t == "result":
                p.stdin.close()
                p.wait()
                ru = resource.getrusage(resource.RUSAGE_CHILDREN)
                if msg.get("status") == "ok":
                    value = msg.get("value")
                    if isinstance(value, dict) and calls:
                        cpu_s = ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime
                        value["cpu_us_per_call"] = cpu_s * 1e6 / calls
                    print(json.dumps(value))
                    status = 0
                else:
                    print(json.dumps(msg), file=sys.stderr)
                return status
    p.wait()
    return status


if __name__ == "__main__":
    sys.exit(main())
