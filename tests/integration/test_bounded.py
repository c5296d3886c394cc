#!/usr/bin/env python3
"""The supervisor bounded by construction (issue 9): a guest that floods
requests must not grow the supervisor's memory or CPU, and the run ends on
time with its status. Each flood runs the real supervisor, either with a
hostile stand-in guest (evilguest.c) whose replies are never read, or with
the real guest running a program that fires 1,000 un-awaited requests. The
supervisor's own peak RSS and CPU are read twice: from the result's
stats.supervisor (getrusage in the supervisor) and from /proc while it runs;
its own rlimits (RLIMIT_DATA, RLIMIT_CPU) from /proc/PID/limits.

usage: test_bounded.py CODECELL EVILGUEST HTTPD   (TAP on stdout)
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ok, done, setup, skip  # noqa: E402

CODECELL, EVIL, HTTPD = sys.argv[1], sys.argv[2], sys.argv[3]
setup(CODECELL)
tmp = tempfile.mkdtemp(prefix="codecell-bounded-test-")
atexit.register(shutil.rmtree, tmp, True)  # nothing left in /tmp after the test
data = os.path.join(tmp, "data")
os.makedirs(data)
with open(os.path.join(data, "big"), "wb") as f:
    f.write(os.urandom(700 * 1024))
srv = subprocess.Popen([sys.executable, HTTPD], stdout=subprocess.PIPE, text=True)
port = int(srv.stdout.readline())
pol = os.path.join(tmp, "p.jsonc")
with open(pol, "w") as f:
    f.write(f'''{{"version": 1, "filesystem": {{"mounts": [
  {{"path": "/data", "type": "host", "source": "{data}", "mode": "ro"}},
  {{"path": "/scratch", "type": "scratch", "max_bytes": "8MiB"}}]}},
  "network": {{"allow": [{{"scheme": "http", "host": "127.0.0.1", "port": {port}, "allow_private": true}}]}}}}''')

# Queues hold at most two largest frames (1 MiB each by default) plus slack,
# on top of the supervisor's own few MiB; 64 MiB leaves room for allocator
# slack and is far below the ~900 MiB the flood reached before the cap.
RSS_BOUND_KIB = 64 * 1024
# Before the caps one fs flood cost the supervisor 14-21 s of CPU; bounded,
# it serves a few MiB per run (~0.1 s). 3 s leaves room for a loaded machine.
CPU_BOUND_MS = 3000

# Under AddressSanitizer (the sanitizer pass of scripts/test.sh) freed memory
# waits in a quarantine of up to 256 MiB before reuse, which would count as
# the supervisor's RSS: a small quarantine keeps the bound about codecell.
# An unsanitized binary ignores the variable.
ASAN_ENV = dict(os.environ, ASAN_OPTIONS=":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                                  "quarantine_size_mb=4"])))
# A sanitized supervisor sets no rlimits on itself (ASan's shadow memory is
# terabytes of address space); it still measures itself.
with open(CODECELL, "rb") as f:
    SANITIZED = b"__asan_init" in f.read()


class Watch:
    """Samples a running supervisor: peak VmHWM, and its rlimits once."""

    def __init__(self, p):
        self.p, self.peak_kib, self.limits = p, 0, {}
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        while self.p.poll() is None:
            try:
                with open(f"/proc/{self.p.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            self.peak_kib = max(self.peak_kib, int(line.split()[1]))
                # The limits are set just after the sandbox is spawned: the
                # last reading while the guest runs (a child exists) counts.
                if self.children():
                    seen = {}
                    with open(f"/proc/{self.p.pid}/limits") as f:
                        for line in f:
                            for key in ("Max cpu time", "Max data size"):
                                if line.startswith(key):
                                    seen[key] = line[len(key):].split()[:2]
                    if len(seen) == 2:
                        self.limits = seen
            except OSError:
                pass
            time.sleep(0.05)

    def children(self):
        try:
            with open(f"/proc/{self.p.pid}/task/{self.p.pid}/children") as f:
                return f.read().split()
        except OSError:
            return []


def result_of(text):
    for line in reversed(text.splitlines()):
        try:
            m = json.loads(line)
        except ValueError:
            continue
        if isinstance(m, dict) and "stats" in m:
            return m
    return {}


def plain(args, code, wall):
    """codecell run --json: returns (result, watch, seconds)."""
    p = subprocess.Popen([CODECELL, "run", "--json", "--timeout", wall, "--cpu", "20s", *args, "-"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ASAN_ENV)
    w = Watch(p)
    t0 = time.time()
    try:
        out, err = p.communicate(code.encode(), timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    w.t.join()
    res = result_of(out.decode(errors="replace"))
    if not res:
        print("# stderr: " + err.decode(errors="replace")[-300:].replace("\n", " | "))
    return res, w, time.time() - t0


def tool_flood(code, wall, answer):
    """codecell run --host, a host answering every tool call at once."""
    p = subprocess.Popen([CODECELL, "run", "--host", "--timeout", wall, "--cpu", "20s"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ASAN_ENV)
    w = Watch(p)
    t0 = time.time()
    p.stdin.write((json.dumps({"v": 1, "type": "start", "code": code}) + "\n").encode())
    p.stdin.flush()
    res = {}
    for line in p.stdout:
        m = json.loads(line)
        if m["type"] == "tool_call":
            try:
                p.stdin.write((json.dumps({"v": 1, "type": "tool_result", "id": m["id"], "ok": True,
                                           "value": answer}) + "\n").encode())
                p.stdin.flush()
            except BrokenPipeError:
                pass
        elif m["type"] == "result":
            res = m
            break
    try:
        p.stdin.close()
    except BrokenPipeError:
        pass
    p.wait(timeout=30)
    w.t.join()
    return res, w, time.time() - t0


def check(name, res, w, secs, statuses, wall_s, what, limits=False):
    st = res.get("stats", {})
    sv = st.get("supervisor") or {}
    print(f"# {name}: status {res.get('status')}, {secs:.1f} s, supervisor peak RSS {w.peak_kib} KiB "
          f"(reported {sv.get('memory_peak_bytes')}), supervisor CPU {sv.get('cpu_ms')} ms, "
          f"output_bytes {st.get('output_bytes')}, limits {w.limits}")
    ok(res.get("status") in statuses, f"{name}: the run ends with {' or '.join(statuses)}",
       json.dumps(res.get("error"))[:300])
    ok(secs < wall_s + 5, f"{name}: the run ends on time", f"{secs:.1f} s against a {wall_s} s wall")
    ok(0 < w.peak_kib < RSS_BOUND_KIB, f"{name}: the supervisor's peak RSS stays under "
       f"{RSS_BOUND_KIB // 1024} MiB ({what})", f"peak {w.peak_kib} KiB")
    rep = sv.get("memory_peak_bytes")
    # The watcher samples /proc, so it sees at most the true peak, and a
    # run of 0.1 s (a sanitized build, a busy machine) may end before it
    # samples the peak at all: the report may not be below what was seen
    # (VmHWM is the true peak), and stays under the same bound.
    ok(isinstance(rep, int) and 0 < rep < RSS_BOUND_KIB * 1024 and rep // 1024 > w.peak_kib - 16 * 1024,
       f"{name}: stats.supervisor reports the peak RSS (at least what /proc showed)",
       f"reported {rep}, seen {w.peak_kib} KiB")
    cpu = sv.get("cpu_ms")
    if BIG in name:
        # Output unlimited, the program really reads hundreds of MB: the
        # supervisor works while the run lasts, never past it.
        bound = st.get("wall_ms", 0) + 1000
        ok(isinstance(cpu, int) and cpu < bound, f"{name}: the supervisor's own CPU stays under the run's wall time",
           f"{cpu} ms against {bound} ms")
    else:
        ok(isinstance(cpu, int) and cpu < CPU_BOUND_MS, f"{name}: the supervisor's own CPU stays under "
           f"{CPU_BOUND_MS} ms", f"{cpu} ms")
    lim = sv.get("limits", "absent")
    if not limits:  # a run over in milliseconds ends before /proc can be read
        return
    if SANITIZED:
        ok(isinstance(lim, dict) and lim.get("data_bytes", 0) is None and "Max data size" in w.limits
           and w.limits["Max data size"][0] == "unlimited",
           f"{name}: a sanitized supervisor sets no RLIMIT_DATA and reports it null", f"{lim} {w.limits}")
    else:
        ok(isinstance(lim, dict) and w.limits.get("Max data size", [""])[0] == str(lim.get("data_bytes")),
           f"{name}: the supervisor's RLIMIT_DATA is the bound it reports", f"{lim} {w.limits}")
    # RLIMIT_CPU in every build: ASan does not change what CPU time means.
    cpu_lim = w.limits.get("Max cpu time", ["unlimited"])[0]
    ok(isinstance(lim, dict) and cpu_lim.isdigit() and int(cpu_lim) >= lim.get("cpu_seconds", 1 << 62) and
       int(cpu_lim) <= lim["cpu_seconds"] + 60, f"{name}: the supervisor's RLIMIT_CPU is set from its bound",
       f"{lim} {w.limits}")


def evil(mode):
    return ["--guest", EVIL, "--guest-arg", mode]


BIG = "1GiB"  # --max-output 1GiB: the queue cap alone must stop the flood

# Raw frames whose replies are never read (a stand-in guest).
for mode, args, statuses, what in (
        ("fs-flood", ["--policy", pol, "--max-output", BIG], ["timeout"],
         "700 KB reads never read back, output unlimited: the queue cap holds"),
        ("fs-flood", ["--policy", pol], ["output_limit"], "700 KB reads never read back: the output limit ends it"),
        ("deny-flood", ["--max-output", BIG], ["timeout"], "denied fs frames with 4 KB paths, never read"),
        ("deny-flood", [], ["output_limit"], "denied fs frames with 4 KB paths: their errors count as output")):
    res, w, secs = plain(evil(mode) + args, "1", "3s")
    name = mode + (" (max-output " + BIG + ")" if BIG in args else "")
    check(name, res, w, secs, statuses, 3, what, limits=BIG in args)

# The real guest: 1,000 un-awaited requests from a program.
WAIT = "await new Promise(r => setTimeout(r, 60000));"
FS_FLOOD = f"""await fs.writeFile('/scratch/big', 'x'.repeat(700 * 1024));
for (let i = 0; i < 1000; i++) fs.readFile('/scratch/big', 'utf8');
{WAIT}"""
FETCH_FLOOD = f"""for (let i = 0; i < 1000; i++) fetch('http://127.0.0.1:{port}/big?n=600000').then(r => r.text(), e => e);
{WAIT}"""
for name, code, args, statuses in (
        ("js fs flood", FS_FLOOD, [], ["output_limit"]),
        ("js fs flood (max-output " + BIG + ")", FS_FLOOD, ["--max-output", BIG], ["memory_limit", "timeout"]),
        ("js fetch flood", FETCH_FLOOD, [], ["output_limit"]),
        ("js fetch flood (max-output " + BIG + ")", FETCH_FLOOD, ["--max-output", BIG],
         ["memory_limit", "timeout"])):
    res, w, secs = plain(["--policy", pol, *args], code, "5s")
    check(name, res, w, secs, statuses, 5, "1,000 un-awaited requests for 600-700 KB", limits=BIG in args)

# Tool calls: the host answers 1,000 un-awaited calls with 50 KB each; tool
# replies are the host's bytes and do not count as output, so the wall clock
# ends the run; the supervisor holds at most its queue cap of them.
res, w, secs = tool_flood(f"for (let i = 0; i < 1000; i++) codemode.t(i);\n{WAIT}", "5s", "y" * 50000)
check("tool flood", res, w, secs, ["timeout"], 5, "1,000 un-awaited tool calls answered with 50 KB",
      limits=True)

# The CPU bound's SIGXCPU is read by the loop: the run ends with its status
# and a result, the supervisor is not killed. The bound itself (wall limit +
# slack) is out of a test's reach, so the operator's tighter limit, which
# the supervisor keeps, stands in: 1 s of its CPU, which the unlimited read
# flood uses up within seconds.

CPU_BOUND_TEST = "past its CPU bound the supervisor ends the run with sandbox_error and a result"
if not shutil.which("prlimit"):
    skip(CPU_BOUND_TEST, "prlimit (util-linux) is not installed")
else:
    p = subprocess.run(["prlimit", "--cpu=1:30", CODECELL, "run", "--json", "--policy", pol, "--max-output", BIG,
                        "--timeout", "20s", "-"], input=FS_FLOOD.encode(), capture_output=True, timeout=60)
    res = result_of(p.stdout.decode(errors="replace"))
    sv = res.get("stats", {}).get("supervisor") or {}
    print(f"# cpu bound: rc {p.returncode}, status {res.get('status')}, supervisor {sv}")
    ok(p.returncode == 4 and res.get("status") == "sandbox_error" and "CPU bound" in res["error"]["message"]
       and (sv.get("limits") or {}).get("cpu_seconds") == 1,
       CPU_BOUND_TEST, json.dumps(res.get("error")) + p.stderr.decode(errors="replace")[-300:])

srv.kill()
done()
