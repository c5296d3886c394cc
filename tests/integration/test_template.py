#!/usr/bin/env python3
"""Cross-run pollution probes (issue 12): K programs through ONE template
guest (`codecell run --template=K`, testing only) must each start from the
template's pristine state: no global, prototype, builtin, timer, scratch
file, random sequence or process state of an earlier run is visible to a
later one. Each run both looks for its predecessors' marks and leaves its
own, so any crossing shows up in the next run.

usage: test_template.py CODECELL   (TAP on stdout)
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ok, done  # noqa: E402

CODECELL = sys.argv[1]
K = 6
tmp = tempfile.mkdtemp(prefix="codecell-template-test-")
atexit.register(shutil.rmtree, tmp, True)  # nothing left in /tmp after the test
pol = os.path.join(tmp, "scratch.jsonc")
with open(pol, "w") as f:
    f.write('{"filesystem": {"mounts": [{"path": "/tmp", "type": "scratch"}]}}')

PROGRAM = r"""
const seen = {
  global: typeof globalThis.__ccPollution !== 'undefined',
  objectProto: Object.prototype.__ccPollution !== undefined,
  arrayProto: [].__ccPollution !== undefined,
  builtin: Math.__ccPollution !== undefined || JSON.__ccPollution !== undefined,
  replacedBuiltin: String(Array.prototype.map).indexOf('polluted') >= 0,
  tmpFile: false,
};
let tmpFiles = null;
try { tmpFiles = await fs.readdir('/tmp'); seen.tmpFile = tmpFiles.length > 0; } catch (e) { tmpFiles = 'error: ' + e.message; }
globalThis.__ccPollution = 1;
Object.prototype.__ccPollution = 1;
Array.prototype.__ccPollution = 1;
Math.__ccPollution = 1;
JSON.__ccPollution = 1;
Array.prototype.map = function polluted() { return []; };
await fs.writeFile('/tmp/mark-' + Math.random(), 'x');
const timerId = Number(setTimeout(() => {}, 1));
setTimeout(() => {}, 60000);  // left pending: must not fire or exist later
return { seen, tmpFiles, timerId, random: [Math.random(), Math.random()], pid: typeof process === 'object' ? process.pid : null };
"""

prog = os.path.join(tmp, "pollute.js")
with open(prog, "w") as f:
    f.write(PROGRAM)

p = subprocess.run([CODECELL, "run", "--json", "--policy", pol, "--timeout", "10s", "--template=%d" % K, prog],
                   capture_output=True, timeout=120)
lines = [l for l in p.stdout.decode().splitlines() if l.strip()]
ok(len(lines) == K, "%d runs through one template gave %d results" % (K, K),
   "stdout lines %d; stderr %s" % (len(lines), p.stderr.decode()[-400:]))
results = []
for l in lines:
    try:
        results.append(json.loads(l))
    except ValueError:
        results.append({})
statuses = [r.get("status") for r in results]
ok(all(s == "ok" for s in statuses), "every run ended ok", "statuses %r" % statuses)
values = [r.get("value") or {} for r in results]
for key in ("global", "objectProto", "arrayProto", "builtin", "replacedBuiltin", "tmpFile"):
    saw = [bool((v.get("seen") or {}).get(key)) for v in values]
    ok(len(values) == K and not any(saw), "no run sees an earlier run's %s" % key, "seen %r" % saw)
ok(all(v.get("tmpFiles") == [] for v in values), "each run's scratch /tmp starts empty",
   "tmpFiles %r" % [v.get("tmpFiles") for v in values])
ids = [v.get("timerId") for v in values]
ok(len(set(ids)) == 1 and ids[0] is not None, "timer ids restart in every run (pristine timer state)", "ids %r" % ids)
rands = [tuple(v.get("random") or ()) for v in values]
flat = [x for r in rands for x in r]
ok(len(flat) == 2 * K and len(set(flat)) == len(flat), "Math.random sequences differ between runs",
   "randoms %r" % rands)
pids = [v.get("pid") for v in values]
ok(len(set(pids)) == 1, "every run sees the same pid (its own pid namespace)", "pids %r" % pids)
ns = [tuple((r.get("enforced") or {}).get("namespaces") or ()) for r in results]
ok(all("net" in n and "pid" in n and "mount" in n for n in ns), "every run reports its own net, pid, mount namespaces",
   "namespaces %r" % ns)

# A supervisor killed outright takes its template and the template's runs
# with it (PR_SET_PDEATHSIG on the template; its pid namespace for the runs).
def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def ended(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


slow = os.path.join(tmp, "slow.js")
with open(slow, "w") as f:
    f.write("await new Promise(r => setTimeout(r, 30000)); 1\n")
import signal  # noqa: E402
import time  # noqa: E402
sup = subprocess.Popen([CODECELL, "run", "--template", "--timeout", "60s", slow],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
tpl, run = None, None
deadline = time.monotonic() + 20
while time.monotonic() < deadline and run is None:
    kids = children(sup.pid)
    if kids:
        tpl = kids[0]
        grand = children(tpl)
        run = grand[0] if grand else None
    time.sleep(0.05)
sup.send_signal(signal.SIGKILL)
sup.wait()
gone = False
deadline = time.monotonic() + 5
while time.monotonic() < deadline and not gone:
    gone = tpl is not None and run is not None and ended(tpl) and ended(run)
    time.sleep(0.05)
ok(gone, "a SIGKILLed supervisor takes its template and the running run with it",
   "template %r run %r" % (tpl, run))

# Nothing accumulates per run in the process that holds the template: 60
# runs with only 40 fds allowed fail if one fd per run leaks. The template
# also takes the lower limit as its capacity instead of failing to start
# (regression: it asked for 1024 fds and the spawn failed at RLIMIT_NOFILE).
def low_fds():
    import resource
    resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40))


trivial = os.path.join(tmp, "trivial.js")
with open(trivial, "w") as f:
    f.write("1 + 1\n")
p = subprocess.run([CODECELL, "run", "--json", "--template=60", trivial], capture_output=True, timeout=300,
                   preexec_fn=low_fds)
oks = sum(1 for l in p.stdout.decode().splitlines() if '"status":"ok"' in l)
ok(oks == 60, "60 runs through one template with 40 fds allowed: no fd leaks per run",
   "ok results %d; stderr %s" % (oks, p.stderr.decode()[-300:]))
done()
