"""Shared helpers for the integration tests: TAP (tests/tap.py) and a host agent
that speaks the NDJSON host protocol to `codecell run --host`."""
import json
import os
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import done, ok, skip  # noqa: E402,F401  (re-exported to the tests)

CODECELL = None


def setup(codecell):
    global CODECELL
    CODECELL = codecell


def plain(code, *args, timeout=60):
    p = subprocess.run([CODECELL, "run", *args, "-"], input=code.encode(),
                       capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


class Host:
    """A host agent speaking NDJSON to `codecell run --host` (or to another
    command speaking it: cmd replaces `codecell run --host`, e.g. podman
    running codecell in a container)."""

    def __init__(self, code=None, args=(), namespaces=None, file=None, cmd=None):
        cmd = [*(cmd or [CODECELL, "run", "--host"]), *args] + ([file] if file else [])
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.buf = b""
        self.logs = []
        if code is not None:
            start = {"v": 1, "type": "start", "code": code}
            if namespaces is not None:
                start["namespaces"] = namespaces
            self.send(start)

    def send(self, obj):
        # codecell may already have ended the run (a limit): the final result
        # is still waiting on stdout, so a closed pipe here is not an error.
        try:
            self.p.stdin.write((json.dumps(obj) + "\n").encode())
            self.p.stdin.flush()
        except BrokenPipeError:
            pass

    def recv(self, timeout=30):
        deadline = time.time() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no message from codecell")
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError(self.gone())
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def serve(self, tools, batch=1, reverse=False, timeout=30):
        """Answers tool calls with tools[name](*args) until the result;
        collects `batch` calls before answering (in reverse if asked)."""
        pending = []
        while True:
            m = self.recv(timeout)
            if m["type"] == "log":
                self.logs.append(m)
                continue
            if m["type"] == "result":
                self.wait()
                return m
            assert m["type"] == "tool_call", m
            pending.append(m)
            if len(pending) >= batch:
                for c in (reversed(pending) if reverse else pending):
                    self.answer(c, tools)
                pending = []

    def answer(self, call, tools):
        try:
            value = tools[call["name"]](*call["args"])
            self.send({"v": 1, "type": "tool_result", "id": call["id"], "ok": True, "value": value})
        except Exception as e:  # the tool failed: the program sees an error
            self.send({"v": 1, "type": "tool_result", "id": call["id"], "ok": False,
                       "error": {"message": str(e)}})

    def gone(self):
        """Why the output ended early: the exit code and the end of stderr
        (what a CI log needs to tell a crash from a runtime's failure)."""
        try:
            self.rc = self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.rc = self.p.wait()
        self.stderr = self.p.stderr.read().decode(errors="replace")
        return f"codecell closed stdout (exit {self.rc}): {self.stderr[-2000:]!r}"

    def wait(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.rc = self.p.wait(timeout=30)
        self.stderr = self.p.stderr.read().decode(errors="replace")
        return self.rc


