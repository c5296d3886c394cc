#!/usr/bin/env python3
"""The guest's internals are unreachable from the program (issue 9 item 4):
a program walks every object it can reach from globalThis (own property
names and symbols, data values, getters' and setters' functions,
prototypes) while a tool call is in flight, and finds no internal object
(the one holding the event loop's hooks), no request function and no
deliver hook; the global `__cc` holds exactly the compiler runtime's
helpers (guest/compiler/lower.c, jsc_rt_helpers) and nothing else.

usage: test_reach.py CODECELL LOWER_C   (TAP on stdout)
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Host, done, ok, setup  # noqa: E402

CODECELL, LOWER_C = sys.argv[1], sys.argv[2]
setup(CODECELL)

with open(LOWER_C) as f:
    table = re.search(r"jsc_rt_helpers\[\] = \{(.*?)NULL\}", f.read(), re.S).group(1)
HELPERS = re.findall(r'"([A-Za-z]+)"', re.sub(r"/\*.*?\*/", "", table, flags=re.S))

# Own keys of the guest's internal object (guest/ccapi.c natives and
# guest/prelude/core.js hooks): any reachable object holding one of them,
# or any reachable function with one of these names, is an internal.
INTERNAL_KEYS = ["deliver", "request", "send", "setup", "run", "heapHit", "heapStats", "randomBytes", "nowMs",
                 "maxFrame", "lazyGlobals", "hidden", "def", "intlConfigure", "origLine", "errorSourcePos"]
INTERNAL_FNS = ["deliver", "request", "send"]

WALK = """
const HELPERS = %s, KEYS = %s, FNS = %s;
const hasOwn = Object.prototype.hasOwnProperty;
const seen = new Set(), found = [];
const queue = [[globalThis, 'globalThis']];
const pending = codemode.t();  // a request in flight while we walk
let n = 0;
while (queue.length) {
  const [o, path] = queue.shift();
  if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) continue;
  seen.add(o);
  n++;
  if (typeof o === 'function' && FNS.includes(o.name)) found.push(path + ' is a function named ' + o.name);
  if (o !== globalThis.__cc)
    for (const k of KEYS)
      if (hasOwn.call(o, k) && !(o === globalThis && (k === 'run' || k === 'send'))) found.push(path + ' has own ' + k);
  let keys = [];
  try { keys = [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o)]; } catch (e) {}
  for (const k of keys) {
    let d;
    try { d = Object.getOwnPropertyDescriptor(o, k); } catch (e) { continue; }
    if (!d) continue;
    const name = path + '.' + String(k);
    if (d.value !== undefined) queue.push([d.value, name]);
    if (d.get) queue.push([d.get, name + '<get>']);
    if (d.set) queue.push([d.set, name + '<set>']);
  }
  let p = null;
  try { p = Object.getPrototypeOf(o); } catch (e) {}
  queue.push([p, path + '.<proto>']);
}
const table = globalThis.__cc ? Object.getOwnPropertyNames(globalThis.__cc) : [];
await pending;
return { n, found, extra: table.filter(k => !HELPERS.includes(k)),
         frozen: Object.isFrozen(globalThis.__cc), duktape: typeof Duktape, named: typeof __cc };
""" % (json.dumps(HELPERS), json.dumps(INTERNAL_KEYS), json.dumps(INTERNAL_FNS))

h = Host(WALK, namespaces={"codemode": ["t"]})
res = h.serve({"t": lambda: 1})
v = res.get("value") or {}
print(f"# status {res.get('status')}; {v.get('n')} objects reached; {len(HELPERS)} helpers in the table")
for line in (v.get("found") or [])[:20]:
    print("# found: " + line)
ok(res.get("status") == "ok" and v.get("n", 0) > 500, "the walk reached the program's whole world",
   json.dumps(res.get("error")))
ok(v.get("found") == [], "no reachable object is internal, a request function or a deliver hook",
   f"{len(v.get('found') or [])} found")
ok(v.get("extra") == [] and v.get("frozen") is True,
   "globalThis.__cc holds only the compiler's helpers, frozen", json.dumps(v.get("extra")))
ok(v.get("duktape") == "undefined", "Duktape (whose act() hands out call-stack functions) is gone",
   str(v.get("duktape")))
ok(v.get("named") == "undefined", "a program's own `__cc` is its own name, not the helper table",
   str(v.get("named")))

# A program that declares __cc keeps classes, generators and regexps working
# (its binding used to shadow the compiler's helper table).
h = Host("var __cc = 5; class A { m() { return /b/.test('abc'); } }\n"
         "return [__cc, new A().m(), [...(function* () { yield 1; })()][0]];")
res = h.serve({})
ok(res.get("value") == [5, True, 1], "a program's `var __cc` does not break compiled code",
   json.dumps(res.get("value") or res.get("error")))
res = Host("try { __cc; } catch (e) { return e.message; }").serve({})
ok(res.get("value") == "__cc is not defined", "an undeclared __cc is a ReferenceError, as in node",
   json.dumps(res.get("value")))
done()
