#!/usr/bin/env python3
"""Policy end to end: `codecell policy check|show`, tool decisions, call caps,
approvals (allow, deny, remember, timeout, no host), the audit log, env.

usage: test_policy.py CODECELL SRCDIR   (TAP on stdout)
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Host, ok, plain, done, setup  # noqa: E402

CODECELL, SRC = sys.argv[1], sys.argv[2]
setup(CODECELL)
tmp = tempfile.mkdtemp(prefix="codecell-policy-test-")
atexit.register(shutil.rmtree, tmp, True)  # nothing left in /tmp after the test


def policy(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---- the CLI ---------------------------------------------------------------

examples = sorted(os.path.join(SRC, "policy", f) for f in os.listdir(os.path.join(SRC, "policy")) if f.endswith(".jsonc"))
p = subprocess.run([CODECELL, "policy", "check", *examples], capture_output=True, text=True)
ok(p.returncode == 0 and p.stdout.count(": ok (sha256 ") == len(examples), "policy check: shipped examples are valid",
   p.stdout + p.stderr)

bad = policy("bad.jsonc", '{\n  "version": 1,\n  "limits": {"wal": "5s", "memory": "12"}\n}\n')
p = subprocess.run([CODECELL, "policy", "check", bad], capture_output=True, text=True)
out = p.stdout + p.stderr
ok(p.returncode == 1 and f"{bad}:3:" in out and "did you mean" in out and "wall" in out,
   "policy check: unknown key reported as FILE:LINE:COL with a suggestion", out)

p = subprocess.run([CODECELL, "policy", "show", os.path.join(SRC, "policy", "default.jsonc")], capture_output=True,
                   text=True)
ok(p.returncode == 0 and "sha256" in p.stdout and '"tool_calls"' in p.stdout, "policy show: effective policy + hash",
   p.stdout + p.stderr)

p = subprocess.run([CODECELL, "run", "--policy", bad, "-"], input="1", capture_output=True, text=True)
ok(p.returncode == 2 and f"{bad}:3:" in p.stderr, "run: an invalid policy stops the run before it starts", p.stderr)

# ---- tools -----------------------------------------------------------------

pol = policy("tools.jsonc", """{
  "version": 1,
  "tools": {"allow": ["codemode.get*"], "deny": ["codemode.getSecret"], "ask": ["codemode.deploy"],
            "caps": {"codemode.getCount": 2}},
  "approvals": {"timeout": "1s"},
  "audit": {"sink": "host"}
}""")

prog = """
var out = [];
function note(p) { return p.then(function (v) { out.push('ok:' + v); }, function (e) { out.push(e.name + ':' + e.message); }); }
note(codemode.getWeather('x'))
  .then(function () { return note(codemode.getSecret()); })
  .then(function () { return note(codemode.removeAll()); })
  .then(function () { return note(codemode.getCount()); })
  .then(function () { return note(codemode.getCount()); })
  .then(function () { return note(codemode.getCount()); })
  .then(function () { return out; });
"""
h = Host(prog, args=["--policy", pol])
audit = []
calls = []
while True:
    m = h.recv()
    if m["type"] == "audit":
        audit.append(m)
    elif m["type"] == "tool_call":
        calls.append(m["name"])
        h.send({"v": 1, "type": "tool_result", "id": m["id"], "ok": True, "value": m["name"]})
    elif m["type"] == "result":
        res = m
        h.wait()
        break
v = res.get("value") or []
ok(res["status"] == "ok" and v[0] == "ok:getWeather", "tools: an allowed tool reaches the host", res)
ok(len(v) > 2 and v[1].startswith("PermissionDenied:") and "codemode.getSecret" in v[1] and "not allowed by policy" in v[1],
   "tools: deny wins over allow, as a catchable PermissionDenied", v)
ok(len(v) > 2 and v[2].startswith("PermissionDenied:"), "tools: no matching rule denies", v)
ok(len(v) == 6 and v[3:5] == ["ok:getCount", "ok:getCount"] and v[5].startswith("PermissionDenied:") and "cap" in v[5],
   "tools: per-tool cap refuses the third call", v)
ok(calls == ["getWeather", "getCount", "getCount"], "tools: denied calls never reach the host", calls)
events = [a.get("event") for a in audit]
ok(events[:1] == ["run_start"] and events[-1:] == ["run_end"] and events.count("decision") >= 6,
   "audit: run_start, a decision per call, run_end, sent to the host", events)
dec = [a for a in audit if a.get("event") == "decision"]
ok(any(d.get("verdict") == "deny" and "getSecret" in json.dumps(d) for d in dec)
   and all("rule" in d for d in dec), "audit: each decision names its rule", dec[:3])
start = next((a for a in audit if a.get("event") == "run_start"), {})
ok(len(start.get("policy_sha256", "")) == 64 and len(start.get("code_sha256", "")) == 64,
   "audit: run_start carries the policy and code hashes", start)

# ---- approvals ---------------------------------------------------------------

prog = """codemode.deploy('v1').then(function (v) { return 'deployed ' + v; },
                                     function (e) { return e.name + ': ' + e.message; });"""


def approve(answer, remember=False, n_calls=1):
    h = Host(prog if n_calls == 1 else prog.replace("codemode.deploy('v1')",
             "codemode.deploy('v1').then(function () { return codemode.deploy('v2'); })"),
             args=["--policy", pol])
    asked = 0
    while True:
        m = h.recv()
        if m["type"] == "approval_request":
            asked += 1
            if answer is not None:
                h.send({"v": 1, "type": "approval", "id": m["id"], "allow": answer, "remember": remember})
        elif m["type"] == "tool_call":
            h.send({"v": 1, "type": "tool_result", "id": m["id"], "ok": True, "value": m["args"][0]})
        elif m["type"] == "result":
            h.wait()
            return m, asked


res, asked = approve(True)
ok(res["status"] == "ok" and res["value"] == "deployed v1" and asked == 1, "approval: host says yes", res)
res, asked = approve(False)
ok(res["value"].startswith("PermissionDenied") and "the host said no" in res["value"], "approval: host says no", res)
res, asked = approve(True, remember=True, n_calls=2)
ok(res["value"] == "deployed v2" and asked == 1, "approval: remember:true answers the second call from the cache",
   (res, asked))
res, asked = approve(True, remember=False, n_calls=2)
ok(res["value"] == "deployed v2" and asked == 2, "approval: without remember every call asks", (res, asked))
res, asked = approve(None)
ok(res["value"].startswith("PermissionDenied") and "no answer came in time" in res["value"],
   "approval: no answer before the timeout denies", res)
rc, out, err = plain(prog, "--policy", pol)
ok(rc == 0 and "there is no host to ask" in out, "approval: plain mode has no host, so it denies", out + err)

# ---- env ---------------------------------------------------------------------

pol_env = policy("env.jsonc", '{"version": 1, "env": {"REGION": "eu-west", "MODE": "test"}}')
rc, out, err = plain("process.env.REGION + '/' + process.env.MODE", "--policy", pol_env)
ok(rc == 0 and json.loads(out) == "eu-west/test", "env: policy env is process.env", out + err)

# issue 9: audit as a contract: a write failure ends the run (fail closed).
full = policy("audit-full.jsonc", '{"version": 1, "audit": {"sink": "/dev/full"}}')
p = subprocess.run([CODECELL, "run", "--policy", full, "--json", "-"], input="1 + 1", capture_output=True, text=True)
res = json.loads(p.stdout) if p.stdout.strip() else {}
ok(res.get("status") == "sandbox_error" and "audit log" in res.get("error", {}).get("message", ""),
   "audit: a write failure ends the run with sandbox_error", (p.stdout + p.stderr)[:400])

done()
