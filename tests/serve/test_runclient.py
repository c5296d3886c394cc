#!/usr/bin/env python3
"""`codecell run --server PATH` against `codecell run` (docs/SERVE.md, "The
command line as a client"): the same program and options, once in a
sandbox of the command's own and once in a pooled sandbox of a running
server, must print the same stdout and stderr and exit with the same code,
for every status a program can end with; tool calls fail and approvals are
denied as plain mode does them. Also: the options that need a sandbox of
the command's own are refused, a missing server is a usage error, a
server's own refusals keep their status, a signal cancels the run and its
result is still printed, and a "last" start leaves no sandbox armed for
its connection. Behaviour only, no timings.

usage: test_runclient.py CODECELL   (TAP on stdout)
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
sys.path.insert(0, HERE)
from harness import done, ok, setup  # noqa: E402
from serveclient import Server  # noqa: E402

CODECELL = sys.argv[1]
setup(CODECELL)
TMP = tempfile.mkdtemp(prefix="cc-runclient-")
ENV = dict(os.environ, TMPDIR=TMP,
           ASAN_OPTIONS=":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "quarantine_size_mb=4"])))

ASK = os.path.join(TMP, "ask.json")
with open(ASK, "w") as f:
    f.write('{"version": 1, "tools": {"allow": ["codemode.*"], "ask": ["codemode.secret"]}}')
srv = Server(CODECELL, "--pool", "2", "--policy", f"ask={ASK}", env=ENV)


def prog(text):
    fd, path = tempfile.mkstemp(suffix=".js", dir=TMP)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


def run(args, stdin=None):
    p = subprocess.run([CODECELL, "run", *args], input=stdin, capture_output=True, timeout=120, env=ENV)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def same(name, local_args, file, server_args=None):
    """The program run both ways: outputs and exit code equal."""
    server_args = local_args if server_args is None else server_args
    a = run([*local_args, file])
    b = run(["--server", srv.path, *server_args, file])
    if not ok(a == b, f"{name}: the same stdout, stderr and exit code ({a[0]})"):
        print(f"# codecell run:          {a!r}"[:2000])
        print(f"# codecell run --server: {b!r}"[:2000])
    return a, b


# ---- every way a program ends, printed alike -------------------------------

same("a value, logs at each level, a tool call with no host", [], prog("""
async () => {
  console.log('hi', {a: [1, 2]}); console.info('i'); console.warn('w'); console.error('e'); console.debug('d');
  let why;
  try { await codemode.getWeather({city: 'x'}); } catch (e) { why = [e.name, e.message]; }
  return {why, n: 0.1 + 0.2, big: 1e21, s: 'é\\u2028', u: undefined, nul: null};
}"""))
same("--pretty", ["--pretty"], prog("({a: [1, {b: 2}], s: 'x'})"))
same("an undefined result prints null", [], prog("undefined"))
same("a throw", [], prog("function f() { throw new TypeError('bad ' + 1); }\nf();"))
same("a rejected promise", [], prog("async () => { await null; throw new RangeError('late'); }"))
same("unhandled rejections", [], prog("Promise.reject(new Error('x')); Promise.reject(7); 5"))
same("a syntax error", [], prog("let let = ;"))
same("timeout", ["--timeout", "300ms"], prog("while (true) {}"))
same("heap memory_limit", ["--heap", "16MiB"], prog("let a = []; while (true) a.push('x'.repeat(1000) + a.length)"))
same("output_limit", ["--max-output", "1KiB"], prog("for (let i = 0; i < 50; i++) console.log('y'.repeat(100))"))
same("tool_call_limit", ["--max-tool-calls", "2"], prog(
    "async () => { for (let i = 0; i < 5; i++) { try { await codemode.t(i) } catch (e) {} } return 1 }"))
same("another namespace and filename", ["--namespace", "tools", "--filename", "agent.js"], prog(
    "async () => { try { await tools.x() } catch (e) { return [e.message, typeof codemode] } }"))
same("an approval with no host is denied", ["--policy", ASK], prog(
    "async () => { try { return await codemode.secret() } catch (e) { return [e.name, e.message] } }"),
    ["--policy-name", "ask"])
same("a bad limit's text is refused before any run", ["--timeout", "5parsecs"], prog("1"))

# --json: the whole result, the same but for the figures that vary
a = run(["--json", prog("({x: [1, 2.5]})")])
b = run(["--json", "--server", srv.path, prog("({x: [1, 2.5]})")])
ja, jb = json.loads(a[1]), json.loads(b[1])
for j in (ja, jb):
    j.pop("stats")
ok(a[0] == b[0] == 0 and ja == jb and "run" not in jb and b[1].startswith('{"v":1,"type":"result"'),
   "--json: the result line as codecell run --host writes it, no run id")

# the program on standard input
p = subprocess.run([CODECELL, "run", "--server", srv.path], input=b"6 * 7", capture_output=True, env=ENV)
ok(p.returncode == 0 and p.stdout == b"42\n", "the program from standard input")

# ---- what the command refuses or cannot reach ------------------------------

for opt in (["--host"], ["--policy", ASK], ["--cgroup", "off"], ["--unsafe-disable", "seccomp"],
            ["--guest", "/bin/true"], ["--template"]):
    rc, out, err = run(["--server", srv.path, *opt, prog("1")])
    ok(rc == 2 and f"--{opt[0].lstrip('-')} needs a sandbox of this process's own" in err,
       f"{opt[0]} with --server is a usage error")
rc, out, err = run(["--policy-name", "ask", prog("1")])
ok(rc == 2 and "goes with --server" in err, "--policy-name without --server is a usage error")
rc, out, err = run(["--server", os.path.join(TMP, "nobody.sock"), prog("1")])
ok(rc == 2 and "cannot connect to codecell serve" in err and "No such file" in err,
   "no server at the path: exit 2 and why")
rc, out, err = run(["--server", srv.path, "--policy-name", "nope", prog("1")])
ok(rc == 4 and "no policy named 'nope'" in err, "an unknown policy name: the server's sandbox_error")
rc, out, err = run(["--server", srv.path, "--timeout", "10h", prog("1")])
ok(rc == 4 and "a client may only lower limits" in err, "a limit above the server's policy: sandbox_error")

# ---- a workspace path is the client's, made absolute ------------------------

ws = os.path.join(TMP, "ws")
os.mkdir(ws)
rc, out, err = run(["--server", srv.path, "--workspace", os.path.join(TMP, "nope-ws"), prog("1")])
ok(rc == 2 and "--workspace" in err, "a missing workspace directory is refused here")

# ---- a signal cancels the run; its result is still printed ------------------

pf = prog("async () => { await new Promise(r => setTimeout(r, 20000)); return 1 }")
c = subprocess.Popen([CODECELL, "run", "--server", srv.path, pf], stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, env=ENV)
time.sleep(1.0)
c.send_signal(signal.SIGTERM)
out, err = c.communicate(timeout=30)
ok(c.returncode == 6 and b"codecell: cancelled:" in err and b"SIGTERM" in err,
   "SIGTERM: the run is cancelled and its result printed (exit 6)")

# ---- "last": nothing stays armed for a one-run connection -------------------

conn = srv.connect()
for _ in range(200):
    st = conn.request("stats")
    if st["runs"]["running"] == 0 and st["pool"]["bound"] == 0:
        break
    time.sleep(0.05)
before = st["runs"]["started"]
rc, out, err = run(["--server", srv.path, prog("1")])
st = None
for _ in range(100):
    st = conn.request("stats")
    if st["runs"]["running"] == 0:
        break
    time.sleep(0.05)
ok(rc == 0 and st["runs"]["started"] == before + 1 and st["pool"]["bound"] == 0,
   "a one-run connection's supervisor is not re-armed for it (pool.bound stays 0)")
conn.close()

# ---- a server that misbehaves: a clear exit, never a crash ------------------

def fake_server(script):
    """A socket that reads the client's start, then plays script (a list
    of bytes to send, or None to read one line from the client, which is
    kept); returns (path, thread, lines read)."""
    path = os.path.join(TMP, f"fake{len(os.listdir(TMP))}.sock")
    ls = socket.socket(socket.AF_UNIX)
    ls.bind(path)
    ls.listen(1)
    got = []

    def serve():
        conn, _ = ls.accept()
        f = conn.makefile("rb")
        got.append(f.readline())
        for step in script:
            if step is None:
                got.append(f.readline())
            else:
                conn.sendall(step)
        conn.close()
        ls.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return path, t, got


RESULT = (b'{"run":"1","v":1,"type":"result","status":"ok","value":[1,0.30000000000000004],"error":null,'
          b'"stats":{},"enforced":{"degraded":[]}}\n')
path, t, got = fake_server([b"not json\n", b'{"run":"2","v":1,"type":"result","status":"error"}\n',
                            b'{"run":"1","v":1,"type":"log","level":3,"message":"x"}\n', RESULT])
rc, out, err = run(["--server", path, prog("1")])
t.join(10)
start = json.loads(got[0])
ok(rc == 0 and out == "[1,0.30000000000000004]\n" and start.get("no_host") is True and start.get("last") is True
   and start.get("run") == "1", "garbage, another run's line and a malformed log are passed over; the value exact")
path, t, got = fake_server([b'{"run":"1","v":1,"type":"log","level":"log","message":"half'])
rc, out, err = run(["--server", path, prog("1")])
t.join(10)
ok(rc == 4 and "ended before the run's result" in err, "a server gone mid-line: sandbox_error (4) and why")
path, t, got = fake_server([b'{"run":"1","v":1,"type":"result","status":"splendid"}\n'])
rc, out, err = run(["--server", path, prog("1")])
t.join(10)
ok(rc == 4 and "cannot read" in err, "a result with an unknown status: sandbox_error (4)")
path, t, got = fake_server([b'{"run":"1","v":1,"type":"tool_call","id":"7","ns":"codemode","name":"x","args":[]}\n',
                            None, RESULT])
rc, out, err = run(["--server", path, prog("1")])
t.join(10)
answer = json.loads(got[1]) if len(got) > 1 and got[1] else {}
ok(rc == 0 and answer.get("type") == "tool_result" and answer.get("id") == "7" and answer.get("ok") is False
   and answer.get("error", {}).get("message") == "no host attached: cannot call codemode.x",
   "a server that asks anyway gets plain mode's answer")

srv.stop()
shutil.rmtree(TMP, ignore_errors=True)
done()
