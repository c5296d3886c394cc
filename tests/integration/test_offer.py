#!/usr/bin/env python3
"""Tools are the host's offer: with or without a policy, only the tools the
host offered for the run reach it. A hostile guest's raw requests for other
names (admin.deleteAllUsers, codemode.__proto__, codemode.constructor, a
__proto__ namespace) are refused by the supervisor with the offered tools
named, and audited as denials. The real guest answers them itself with
`Tool "ns.x" not found`.

usage: test_offer.py CODECELL EVILGUEST"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Host, ok, done  # noqa: E402

harness.setup(sys.argv[1])
EVIL = sys.argv[2]
OFFER = {"codemode": ["getWeather", "getTime"]}

with tempfile.TemporaryDirectory() as tmp:
    for label, policy in (("no policy file", None),
                          ("a policy allowing every tool", '{"tools": {"allow": ["*"]}, "audit": {"sink": "host"}}')):
        args = ["--guest", EVIL, "--guest-arg", "unoffered-tools", "--timeout", "1500ms"]
        if policy:
            path = os.path.join(tmp, "p.jsonc")
            with open(path, "w") as f:
                f.write(policy)
            args += ["--policy", path]
        h = Host("1", args=args, namespaces=OFFER)
        calls, audits = [], []
        while True:
            m = h.recv(30)
            if m["type"] == "tool_call":
                calls.append(f'{m["ns"]}.{m["name"]}')
                h.send({"v": 1, "type": "tool_result", "id": m["id"], "ok": True, "value": 1})
            elif m["type"] == "audit":
                audits.append(m)
            elif m["type"] == "result":
                h.wait()
                break
        ok(sorted(calls) == ["codemode.getTime", "codemode.getWeather"],
           f"{label}: only the offered tools reach the host", calls)
        if policy:
            tools = [a for a in audits if a.get("event") == "decision" and a.get("kind") == "tool"]
            denied = [a for a in tools if a.get("verdict") == "deny"]
            allowed = [a for a in tools if a.get("verdict") == "allow"]
            ok(len(denied) == 4 and all(a.get("rule") == "not offered by the host" for a in denied),
               f"{label}: each unoffered request is audited as a denial", json.dumps(tools)[:800])
            ok(len(allowed) == 2 and all(a.get("rule") == 'tools.allow[0] "*"' for a in allowed),
               f"{label}: each offered call is audited with the rule that allowed it", json.dumps(allowed)[:800])

# The real guest: an unknown tool rejects in the program with the tools named.
h = Host('async () => { try { await codemode.deleteAllUsers(); } catch (e) { return e.message; } }',
         namespaces=OFFER)
res = h.serve({})
ok(res["status"] == "ok" and "not found" in res.get("value", "") and "getWeather" in res.get("value", ""),
   "the program sees Tool ... not found naming the offered tools", res)
done()
