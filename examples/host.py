#!/usr/bin/env python3
"""A minimal host agent: spawns `codecell run --host`, serves the program's
tool calls from a few local demo tools, streams its logs, prints the result.

usage: examples/host.py PROGRAM.js [codecell run options...]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODECELL = os.environ.get("CODECELL", os.path.join(HERE, "..", "build", "supervisor", "codecell"))

FORECASTS = {"paris": (18, "cloudy"), "tokyo": (24, "sunny"), "oslo": (6, "rain")}


def get_weather(args):
    city = args.get("city", "")
    temp, sky = FORECASTS.get(city.lower(), (None, None))
    if temp is None:
        raise ValueError(f"unknown city: {city}")
    return {"city": city, "tempC": temp, "conditions": sky}


def list_cities(args=None):
    return sorted(c.title() for c in FORECASTS)


TOOLS = {"getWeather": get_weather, "listCities": list_cities}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    program = open(sys.argv[1]).read()
    p = subprocess.Popen([CODECELL, "run", "--host", *sys.argv[2:]],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def send(msg):
        p.stdin.write(json.dumps(msg) + "\n")
        p.stdin.flush()

    send({"v": 1, "type": "start", "code": program, "filename": os.path.basename(sys.argv[1]),
          "namespaces": {"codemode": sorted(TOOLS)}})
    for line in p.stdout:
        msg = json.loads(line)
        if msg["type"] == "log":
            print(f"[log {msg['time_ms']:>4} ms] {msg['message']}", file=sys.stderr)
        elif msg["type"] == "tool_call":
            fn = TOOLS.get(msg["name"])
            try:
                if fn is None:
                    raise KeyError(f"no tool named {msg['name']}")
                value = fn(*(msg["args"] or [{}]))
                send({"v": 1, "type": "tool_result", "id": msg["id"], "ok": True, "value": value})
            except Exception as e:
                send({"v": 1, "type": "tool_result", "id": msg["id"], "ok": False,
                      "error": {"message": str(e)}})
        elif msg["type"] == "result":
            print(json.dumps(msg, indent=2, ensure_ascii=False))
            break
    p.stdin.close()
    sys.exit(p.wait())


if __name__ == "__main__":
    main()
