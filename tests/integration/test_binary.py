#!/usr/bin/env python3
"""Binary values in the guest (issue 13, docs/PROTOCOL.md "Binary values"),
seen on the raw host protocol: what the guest writes for Uint8Array, Buffer,
ArrayBuffer and lookalike keys in tool arguments and the result; what a
program sees for a tool's tags; malformed tags; fs and fetch replies left
alone; big values within and over the frame limit.

usage: test_binary.py CODECELL   (TAP on stdout)
"""
import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Host, done, ok, plain, setup  # noqa: E402

CODECELL = sys.argv[1]
setup(CODECELL)
seen = []


def take(*args):
    seen.append(args)
    return len(args)


# 1. What the guest writes: tags, views, escaped keys; JSON.stringify unchanged.
res = Host("""
await codemode.take(new Uint8Array([0, 1, 254, 255]), Buffer.from('hi'), new Uint8Array([5, 6, 7, 8]).subarray(1, 3),
                    new Uint8Array([4, 2]).buffer, new Int16Array([1]), {$bytes: 'x', $$bytes: 'y', k: new Uint8Array(0)});
return {json: JSON.stringify({a: new Uint8Array([1]), $bytes: 1}), value: new Uint8Array([104, 105])};
""", namespaces={"codemode": ["take"]}).serve({"take": take})
ok(seen == [({"$bytes": "AAH+/w=="}, {"$bytes": "aGk="}, {"$bytes": "Bgc="}, {"$bytes": "BAI="}, {"0": 1},
             {"$$bytes": "x", "$$$bytes": "y", "k": {"$bytes": ""}})],
   "tool arguments: bytes as tags (a view's own bytes), other typed arrays as JSON, lookalike keys escaped",
   json.dumps(seen))
ok(res.get("value") == {"json": '{"a":{"0":1},"$bytes":1}', "value": {"$bytes": "aGk="}},
   "the result carries a tag; the program's own JSON.stringify is unchanged", json.dumps(res.get("value")))

# The same lookalike keys in values with no bytes in them: the guest's
# encoder takes Duktape's JSON fast path there (guest/duk/duk_config.h.in),
# which writes keys through the same escaping; an object holding bytes
# (above) takes the full algorithm.
seen.clear()
res = Host("""
await codemode.take({$bytes: 'plain', n: [1, {$$bytes: 2}], s: 'x'});
return {$bytes: 'mine', deep: [{$bytes: null}]};
""", namespaces={"codemode": ["take"]}).serve({"take": take})
ok(seen == [({"$$bytes": "plain", "n": [1, {"$$$bytes": 2}], "s": "x"},)]
   and res.get("value") == {"$$bytes": "mine", "deep": [{"$$bytes": None}]},
   "lookalike keys are escaped in values without bytes too (arguments and result)",
   json.dumps([seen, res.get("value")]))

# 2. What a program sees for a tool's tags (the reply direction).
res = Host("""
const d = (v) => v instanceof Uint8Array ? ['u8', Array.from(v), Object.getPrototypeOf(v) === Uint8Array.prototype] : v;
const v = await codemode.get();
return [d(v.a), d(v.list[0]), Object.keys(v), v.$bytes, v.$$bytes, v.__proto__ === Object.prototype,
        Object.prototype.hasOwnProperty.call(v, '__proto__')];
""", namespaces={"codemode": ["get"]}).serve({"get": lambda: {
    "a": {"$bytes": "AQL/"}, "list": [{"$bytes": ""}], "$$bytes": "user", "$$$bytes": 2, "__proto__": {"$bytes": "AA=="}}})
ok(res.get("value") == [["u8", [1, 2, 255], True], ["u8", [], True], ["a", "list", "$bytes", "$$bytes", "__proto__"],
                        "user", 2, False, True],
   "a tool's tags become Uint8Arrays, escaped keys lose one $, a __proto__ key stays an own key",
   json.dumps(res.get("value") or res.get("error")))

# 3. Malformed tags reject the call with a TypeError the program can catch.
res = Host("""
const out = [];
for (const n of ['bad', 'extra', 'notString']) {
  try { await codemode[n](); out.push('accepted'); } catch (e) { out.push(e.name); }
}
return out;
""", namespaces={"codemode": ["bad", "extra", "notString"]}).serve({
    "bad": lambda: {"$bytes": "!!!"}, "extra": lambda: {"$bytes": "AA==", "x": 1}, "notString": lambda: {"$bytes": 5}})
ok(res.get("value") == ["TypeError", "TypeError", "TypeError"], "malformed tags are a TypeError in the program",
   json.dumps(res.get("value") or res.get("error")))

# 3b. The guest skips the walk only when the reply's text cannot spell a tag:
# a key written with \u escapes still is one.
h = Host("const v = await codemode.esc(); return [v instanceof Uint8Array, Array.from(v)];",
         namespaces={"codemode": ["esc"]})
while True:
    m = h.recv()
    if m["type"] == "tool_call":
        h.p.stdin.write(('{"v":1,"type":"tool_result","id":"%s","ok":true,"value":{"\\u0024byte\\u0073":"AQI="}}\n'
                         % m["id"]).encode())
        h.p.stdin.flush()
    elif m["type"] == "result":
        h.wait()
        res = m
        break
ok(res.get("value") == [True, [1, 2]], "a tag spelled with \\u escapes is still a tag",
   json.dumps(res.get("value") or res.get("error")))

# 4. Big values: a 600,000-byte tool value fits a 1 MiB frame as base64;
# 900,000 bytes do not (RangeError in the program, from the supervisor).
big = base64.b64encode(b"\x07" * 600000).decode()
res = Host("""
const b = await codemode.big();
let over;
try { await codemode.huge(); } catch (e) { over = e.name; }
return [b.length, b[599999], over];
""", namespaces={"codemode": ["big", "huge"]}).serve({
    "big": lambda: {"$bytes": big}, "huge": lambda: {"$bytes": base64.b64encode(bytes(900000)).decode()}})
ok(res.get("value") == [600000, 7, "RangeError"], "big tool values within the frame limit pass, past it a RangeError",
   json.dumps(res.get("value") or res.get("error"))[:300])
rc, out, err = plain("new Uint8Array(600000).fill(1)")
ok(rc == 0 and json.loads(out) == {"$bytes": base64.b64encode(b"\x01" * 600000).decode()},
   "a 600,000-byte result passes (plain mode prints the tag)", err[-200:])
rc, out, err = plain("new Uint8Array(900000)")
ok(rc == 1 and "too large" in err, "a 900,000-byte result is an error, not a protocol failure", err[-200:])
done()
