"""Shared by the python suite: the real codecell binary, the client from this
source tree, and a check that no run leaves a child process behind.

Runs in: the pytest process. Input: $CODECELL_BIN (set by meson).
"""

import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "clients" / "python" / "src"))


def codecell_bin() -> str:
    """$CODECELL_BIN, else build/supervisor/codecell. Missing is a failure,
    never a skip: the suite is meaningless without the real binary."""
    p = os.environ.get("CODECELL_BIN") or str(ROOT / "build" / "supervisor" / "codecell")
    if not os.access(p, os.X_OK):
        pytest.fail(f"the codecell binary is missing at {p}: build it (ninja -C build) or set CODECELL_BIN")
    return p


@pytest.fixture(scope="session")
def binary() -> str:
    return codecell_bin()


def live_children() -> list:
    """Children of this process, running or unreaped, from /proc."""
    me = os.getpid()
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # comm may hold spaces and parentheses: the fields after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == me:
            out.append(f"{d} {stat[stat.find('(') : stat.rfind(')') + 1]} state {fields[0]}")
    return out


@pytest.fixture(autouse=True)
def no_stray_processes():
    yield
    left = live_children()
    assert left == [], f"a process outlived its run: {left}"


@pytest.fixture
def write_policy(tmp_path):
    def write(text: str) -> str:
        p = tmp_path / "policy.json"
        p.write_text(text)
        return str(p)

    return write


FAKE = '''\
import json, os, sys, time
mode = os.environ.get("FAKE_MODE", "")
if sys.argv[1:2] == ["version"]:
    print(os.environ.get("FAKE_VERSION", "codecell 9.9.9 (host protocol v1)"))
    sys.exit(0)
if sys.argv[1:3] == ["policy", "check"]:
    sys.exit(0)
def send(m):
    sys.stdout.write(json.dumps(m) + "\\n"); sys.stdout.flush()
def recv():
    line = sys.stdin.readline()
    return json.loads(line) if line else None
start = recv()
if mode == "garbage":
    sys.stdout.write("this is not json\\n"); sys.stdout.flush(); time.sleep(60)
elif mode == "wrong-version":
    send({"v": 2, "type": "log", "level": "log", "message": "x"}); time.sleep(60)
elif mode == "long-line":
    sys.stdout.write('{"v":1,"type":"log","message":"' + "x" * int(os.environ["FAKE_LEN"]) + '"}\\n')
    sys.stdout.flush(); time.sleep(60)
elif mode == "ignore-cancel":
    send({"v": 1, "type": "tool_call", "id": "1", "ns": "codemode", "name": "hang", "args": []})
    while True:
        m = recv()
        if m is None or m.get("type") == "cancel":
            break
    sys.stderr.write("fake: got the cancel, ignoring it\\n"); sys.stderr.flush()
    time.sleep(60)
elif mode == "unoffered":
    send({"v": 1, "type": "tool_call", "id": "7", "ns": "codemode", "name": "secret", "args": []})
    send({"v": 1, "type": "result", "status": "ok", "value": recv()})
elif mode == "record-cancel":
    send({"v": 1, "type": "tool_call", "id": "1", "ns": "codemode", "name": "hang", "args": []})
    m = recv()
    with open(os.environ["FAKE_LOG"], "w") as f:
        json.dump(m, f)
    send({"v": 1, "type": "result", "status": "cancelled", "error": {"name": "Cancelled", "message": "cancelled"}})
    sys.exit(6)
elif mode == "spew":
    for _ in range(64):
        sys.stderr.write("e" * 16383 + "\\n")
    sys.stderr.flush(); sys.exit(4)
elif mode == "die":
    sys.stderr.write("fake: something broke\\n"); sys.exit(4)
elif mode == "usage":
    sys.stderr.write("codecell: invalid duration 'x'\\n"); sys.exit(2)
'''


@pytest.fixture
def fake_binary(tmp_path):
    """A stand-in for codecell that misbehaves as FAKE_MODE says."""
    p = tmp_path / "fake-codecell"
    p.write_text(f"#!{sys.executable}\n" + textwrap.dedent(FAKE))
    p.chmod(0o755)
    return str(p)
