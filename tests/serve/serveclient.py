"""Helpers for the `codecell serve` tests: start a server on a private socket,
and a client that speaks the NDJSON host protocol with run ids over one
connection (docs/SERVE.md). Runs in: test scripts only."""
import atexit
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time

_live = []


@atexit.register
def _stop_all():
    """A test that dies halfway must not leave its servers running: SIGTERM
    (they drain and clean their sandboxes), SIGKILL if that takes long."""
    for srv in list(_live):
        srv.stop(timeout=20)


class Server:
    """A `codecell serve --socket` process on a socket in a fresh directory.
    Server.stderrs collects every stopped server's stderr (the sanitizer
    pass checks them for reports)."""

    stderrs = []

    def __init__(self, codecell, *args, path=None, env=None):
        self.dir = tempfile.mkdtemp(prefix="cc-serve-test-")
        self.path = path or os.path.join(self.dir, "cc.sock")
        self.cmd = [codecell, "serve", "--socket", self.path, *args]
        self.p = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=env)
        _live.append(self)
        # Ready when it accepts a connection (a stale file from a killed
        # server may exist before the new one has bound).
        deadline = time.time() + 60
        while True:
            try:
                probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                probe.connect(self.path)
                probe.close()
                break
            except OSError:
                probe.close()
            if self.p.poll() is not None or time.time() > deadline:
                raise RuntimeError("server did not start: " + self.p.stderr.read().decode(errors="replace"))
            time.sleep(0.02)

    def connect(self):
        return Client(self.path)

    def signal(self, sig):
        self.p.send_signal(sig)

    def stop(self, timeout=60):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
        try:
            rc = self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
        self.stderr = self.p.stderr.read().decode(errors="replace")
        Server.stderrs.append(self.stderr)
        if self in _live:
            _live.remove(self)
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc


class Client:
    """One connection carrying many runs. Messages are sorted by run id as
    they arrive; server-level answers (stats, health, metrics, errors
    without a run) go to self.server_msgs. Client.internal collects, over
    every client, lines that only a run's supervisor and the server speak
    (the "armed" line): a test checks that none ever reached a client."""

    internal = []

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.buf = b""
        self.inbox = {}
        self.server_msgs = []
        self.closed = False

    def send(self, obj):
        self.send_raw((json.dumps(obj) + "\n").encode())

    def send_raw(self, data):
        self.s.sendall(data)

    def start(self, run, code, **extra):
        self.send({"v": 1, "type": "start", "run": run, "code": code, **extra})

    def _pump(self, timeout):
        r, _, _ = select.select([self.s], [], [], timeout)
        if not r:
            return False
        chunk = self.s.recv(1 << 20)
        if not chunk:
            self.closed = True
            raise EOFError("server closed the connection")
        self.buf += chunk
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            m = json.loads(line)
            if m.get("type") == "armed":
                Client.internal.append(m)  # a supervisor's line to the server: never ours
            if "run" in m:
                self.inbox.setdefault(m["run"], []).append(m)
            else:
                self.server_msgs.append(m)
        return True

    def recv(self, run, timeout=120):
        """The next message of run."""
        deadline = time.time() + timeout
        while not self.inbox.get(run):
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError(f"no message for run {run}")
            self._pump(left)
        return self.inbox[run].pop(0)

    def server(self, timeout=120):
        deadline = time.time() + timeout
        while not self.server_msgs:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no server message")
            self._pump(left)
        return self.server_msgs.pop(0)

    def request(self, type_, timeout=120):
        self.send({"v": 1, "type": type_})
        while True:
            m = self.server(timeout)
            if m["type"] == type_:
                return m

    def serve(self, run, tools, timeout=120):
        """Answers run's tool calls with tools[name](*args) until its result."""
        while True:
            m = self.recv(run, timeout)
            if m["type"] == "tool_call":
                self.answer(run, m, tools)
            elif m["type"] == "result":
                return m

    def answer(self, run, call, tools):
        try:
            v = tools[call["name"]](*call["args"])
            self.send({"v": 1, "type": "tool_result", "run": run, "id": call["id"], "ok": True, "value": v})
        except Exception as e:  # the tool failed: the program sees an error
            self.send({"v": 1, "type": "tool_result", "run": run, "id": call["id"], "ok": False,
                       "error": {"message": str(e)}})

    def close(self):
        self.s.close()


def procs_named(comm):
    """Pids of processes whose comm is comm (the per-run supervisors name
    themselves codecell-run)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/comm") as f:
                    if f.read().strip() == comm:
                        out.append(int(d))
            except OSError:
                pass
    return out


def children_of(pid, comm="codecell-run"):
    """The server's per-run supervisors (children named codecell-run; the
    server's periodic cleanup child is codecell-clean), or with comm=None
    every child."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    st = f.read()
                if int(st.rsplit(")", 1)[1].split()[1]) == pid and \
                        (comm is None or st[st.index("(") + 1:st.rindex(")")] == comm):
                    out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out
