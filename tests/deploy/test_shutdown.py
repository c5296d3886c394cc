#!/usr/bin/env python3
"""Clean shutdown: SIGTERM, SIGINT and SIGHUP sent to `codecell run` while
the program spins or waits on a tool call end the run with status
`cancelled` (exit 6), still print the result, and leave no process, cgroup,
mount or scratch file behind. SIGKILL cannot be caught: the guest dies with
its supervisor (PDEATHSIG), and the next run removes the dead supervisor's
cgroups and scratch directory (named with its pid and start time). A host
that stops reading is given up on after a bounded time, the sandbox gone.

usage: test_shutdown.py CODECELL"""
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import done, ok, skip  # noqa: E402


POLICY = ('{ "tools": { "allow": ["codemode.*"] }, '
          '"filesystem": { "mounts": [ { "path": "/tmp", "type": "scratch" } ] } }')
PROGRAMS = {
    "spin": "async () => { await fs.writeFile('/tmp/data.txt', 'the program\\'s files'); "
            "console.log('ready'); while (true) {} }",
    "tool": "async () => { await fs.writeFile('/tmp/data.txt', 'the program\\'s files'); "
            "return await codemode.slow({}); }",
}


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def cgroups_of(pid):
    found = []
    for root, dirs, _ in os.walk("/sys/fs/cgroup"):
        if root.count("/") > 9:
            dirs[:] = []
            continue
        for d in dirs:
            if d.startswith(f"codecell-run-{pid}-"):
                found.append(os.path.join(root, d))
    return found


def mounts():
    with open("/proc/self/mountinfo") as f:
        return sorted(l.split(" ", 4)[4] for l in f)


def start(codecell, tmpdir, policy, phase):
    env = dict(os.environ, TMPDIR=tmpdir)
    p = subprocess.Popen([codecell, "run", "--host", "--timeout", "60s", "--cpu", "60s", "--policy", policy],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    p.stdin.write((json.dumps({"v": 1, "type": "start", "code": PROGRAMS[phase],
                               "namespaces": {"codemode": ["slow"]}}) + "\n").encode())
    p.stdin.flush()
    return p


def wait_for(p, want, timeout=30):
    """Reads host messages until one of type `want` (or a log 'ready')."""
    buf = b""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([p.stdout], [], [], deadline - time.time())
        if not r:
            break
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        buf += chunk
        for line in buf.split(b"\n")[:-1]:
            m = json.loads(line)
            if m["type"] == want or (want == "log" and m.get("message") == "ready"):
                return m, buf
    return None, buf


def read_result(p, buf):
    out, _ = p.communicate(timeout=30)
    lines = [json.loads(l) for l in (buf + out).split(b"\n") if l.strip()]
    return lines[-1] if lines else None


def scratch_dirs(tmpdir):
    return [d for d in os.listdir(tmpdir) if d.startswith("codecell-scratch-")]


def main():
    codecell = sys.argv[1]
    before_mounts = mounts()
    with tempfile.TemporaryDirectory() as tmpdir:
        policy = os.path.join(tmpdir, "policy.jsonc")
        with open(policy, "w") as f:
            f.write(POLICY)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            for phase in ("spin", "tool"):
                name = f"{sig.name} {'mid-spin' if phase == 'spin' else 'mid-tool-call'}"
                p = start(codecell, tmpdir, policy, phase)
                m, buf = wait_for(p, "log" if phase == "spin" else "tool_call")
                if not ok(m is not None, f"{name}: the program got going", buf.decode(errors="replace")):
                    p.kill()
                    p.wait()
                    continue
                guests = children(p.pid)
                ok(len(scratch_dirs(tmpdir)) == 1 and guests, f"{name}: a guest and a scratch directory exist")
                p.send_signal(sig)
                res = read_result(p, buf)
                ok(res is not None and res["type"] == "result" and res["status"] == "cancelled"
                   and sig.name in res["error"]["message"] and p.returncode == 6,
                   f"{name}: result cancelled, exit 6", json.dumps(res))
                ok(not any(alive(g) for g in guests), f"{name}: the guest is gone")
                ok(scratch_dirs(tmpdir) == [], f"{name}: the scratch directory is removed", scratch_dirs(tmpdir))
                ok(cgroups_of(p.pid) == [], f"{name}: its cgroups are removed", cgroups_of(p.pid))

        # A signal after the deadline passed reports the limit that came first.
        p = subprocess.Popen([codecell, "run", "--timeout", "300ms", "--cpu", "60s", "-"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, TMPDIR=tmpdir))
        p.stdin.write(b"while (true) {}")
        p.stdin.close()
        p.wait(timeout=30)
        ok(p.returncode == 3, "a run past its deadline ends as timeout (baseline for the signal race)")

        for phase in ("spin", "tool"):
            name = f"SIGKILL {'mid-spin' if phase == 'spin' else 'mid-tool-call'}"
            p = start(codecell, tmpdir, policy, phase)
            m, buf = wait_for(p, "log" if phase == "spin" else "tool_call")
            guests = children(p.pid)
            p.kill()
            p.wait()
            deadline = time.time() + 5
            while any(alive(g) for g in guests) and time.time() < deadline:
                time.sleep(0.05)
            ok(guests and not any(alive(g) for g in guests), f"{name}: the guest dies with its supervisor")
            ok(len(scratch_dirs(tmpdir)) == 1, f"{name}: its scratch directory outlives it (cannot be caught)")
            # The next run, of any kind, removes the dead supervisor's leftovers.
            q = subprocess.run([codecell, "run", "-"], input=b"1", capture_output=True, timeout=60,
                               env=dict(os.environ, TMPDIR=tmpdir))
            ok(q.returncode == 0 and scratch_dirs(tmpdir) == [],
               f"{name}: the next run removes the dead supervisor's scratch directory", q.stderr)
            ok(cgroups_of(p.pid) == [], f"{name}: and its cgroups", cgroups_of(p.pid))

        # A live supervisor's scratch directory is never taken for stale.
        p = start(codecell, tmpdir, policy, "tool")
        m, buf = wait_for(p, "tool_call")
        q = subprocess.run([codecell, "run", "-"], input=b"1", capture_output=True, timeout=60,
                           env=dict(os.environ, TMPDIR=tmpdir))
        ok(len(scratch_dirs(tmpdir)) == 1, "a running supervisor's scratch directory is left alone")
        p.send_signal(signal.SIGTERM)
        read_result(p, buf)
        # The owner is a pid and a start time: a dead pid's directory goes, a
        # live process's (ours, named with our own start time) stays.
        dead = subprocess.Popen(["true"])
        dead.wait()
        with open(f"/proc/{os.getpid()}/stat") as f:
            mystart = f.read().rsplit(")", 1)[1].split()[19]
        gone = os.path.join(tmpdir, f"codecell-scratch-{dead.pid}-1-abcdef")
        kept = os.path.join(tmpdir, f"codecell-scratch-{os.getpid()}-{mystart}-abcdef")
        os.mkdir(gone)
        os.mkdir(kept)
        subprocess.run([codecell, "run", "-"], input=b"1", capture_output=True, timeout=60,
                       env=dict(os.environ, TMPDIR=tmpdir))
        ok(not os.path.exists(gone), "a scratch directory of a dead pid is removed")
        ok(os.path.exists(kept), "one of a live process with that start time is kept")
        os.rmdir(kept)

    # A host that never reads stdout: the run still ends (its own limits),
    # the sandbox is torn down, and the supervisor gives up on the host
    # after a bounded wait instead of blocking in write(2) for good.
    p = subprocess.Popen([codecell, "run", "--host", "--timeout", "2s", "--max-output", "64MiB"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    code = "async () => { for (let i = 0; i < 20000; i++) console.log('x'.repeat(1000)); return 1; }"
    p.stdin.write((json.dumps({"v": 1, "type": "start", "code": code}) + "\n").encode())
    p.stdin.flush()
    t0 = time.time()
    guests = []
    while time.time() - t0 < 1.0 and not guests:
        guests = children(p.pid)
        time.sleep(0.02)
    try:
        p.wait(timeout=30)
        exited = True
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        exited = False
    took = time.time() - t0
    ok(exited and took < 20, f"a host that stops reading is given up on ({took:.1f} s)")
    ok(guests and not any(alive(g) for g in guests), "and the sandbox was gone while it waited")
    ok("did not read the result" in p.stderr.read().decode(errors="replace"), "stderr says why")

    ok(mounts() == before_mounts, "no mount is left behind on the host")
    done()


if __name__ == "__main__":
    main()
