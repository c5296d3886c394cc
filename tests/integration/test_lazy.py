#!/usr/bin/env python3
"""Lazy units (guest/lazyunit.h, guest/runtime/lazy.js): a program loads the
units of the globals it uses and no others; the guest's trace
(CODECELL_TRACE=1) names each unit as it loads. What a program sees does
not depend on whether a unit loaded yet: reflection and freezing the
global object first give the same answers as using each global first.
Through a template guest (--template=K) every unit is built before the
first run, so no run loads one.

usage: test_lazy.py CODECELL   (TAP on stdout)
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ok, done  # noqa: E402

CODECELL = sys.argv[1]
# meson test --setup template runs every program through a template guest,
# which built every unit before the run: then no program loads one.
TEMPLATE = os.environ.get("CODECELL_TEST_TEMPLATE", "") not in ("", "0")
URL, ABORT, CRYPTO, BUFFER = ("guest/runtime/" + u for u in ("url.js", "abort.js", "crypto.js", "buffer.js"))
FS, FETCH = "guest/prelude/fs.js", "guest/prelude/fetch.js"
ALL = {URL, ABORT, CRYPTO, BUFFER, FS, FETCH}


def run(code, *args):
    """(results, units loaded in order, every guest trace mark) of one
    program."""
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
        f.write(code)
    try:
        p = subprocess.run([CODECELL, "run", "--json", *args, f.name], capture_output=True, timeout=60,
                           env=dict(os.environ, CODECELL_TRACE="1"))
    finally:
        os.unlink(f.name)
    marks = []
    for line in p.stderr.decode(errors="replace").splitlines():
        parts = line.split()
        # "codecell-trace: guest guest/runtime/url.js  AT  +MS"
        if len(parts) >= 3 and parts[0] == "codecell-trace:" and parts[1] == "guest":
            marks.append(parts[2])
    lines = [l for l in p.stdout.decode().splitlines() if l.strip()]
    return [json.loads(l) for l in lines], [m for m in marks if m in ALL], marks


# Each program loads exactly the units of the globals it touches.
CASES = [
    ("a trivial program", "return 1", set()),
    ("console and typed arrays (console asks isBuffer of every object)",
     "console.log([1, { a: 2 }], new Uint8Array(2)); return Object.keys(globalThis).length >= 0", set()),
    ("a throw and a rejected promise", "try { null.x } catch (e) {} await Promise.reject(1).catch(() => 0); return 2",
     set()),
    ("URL", "return new URL('https://a.test/p?q=1').searchParams.get('q')", {URL}),
    ("typeof fetch (fetch.js uses fs.js's byte helpers)", "return typeof fetch", {FETCH, FS}),
    ("fs", "return typeof fs.readFile", {FS}),
    ("Buffer", "return Buffer.from('hi').toString('hex')", {BUFFER}),
    ("AbortController", "return new AbortController().signal.aborted", {ABORT}),
    ("crypto", "return crypto.randomUUID().length", {CRYPTO}),
    ("an assignment replaces a global; its unit's other globals still work",
     "globalThis.URL = 5; return [URL, typeof URLSearchParams, new URLSearchParams('a=1').get('a'), URL]",
     {URL}, [5, "function", "1", 5]),
    ("an assignment alone builds nothing", "globalThis.fetch = 7; Buffer = 8; return [fetch, Buffer]", set(), [7, 8]),
    ("Intl assigned", "Intl = 1; return Intl", set(), 1),
    ("a descriptor read builds only that global",
     "return Object.getOwnPropertyDescriptor(globalThis, 'Headers').writable", {FETCH, FS}),
]
for name, code, want, *value in CASES:
    want = set() if TEMPLATE else want
    res, units, marks = run(code)
    ok(len(res) == 1 and res[0].get("status") == "ok" and set(units) == want and len(units) == len(set(units))
       and (not value or res[0].get("value") == value[0])
       and "program-started" in marks,  # the trace was on
       "loads only what it uses: " + name, json.dumps({"units": units, "want": sorted(want), "res": res})[:800])

# Freezing the global object first: every lazy global still works, and
# every descriptor is a data property (Intl's included).
FROZEN = """
Object.freeze(globalThis);
const names = ['URL', 'URLSearchParams', 'Event', 'EventTarget', 'AbortSignal', 'AbortController', 'crypto',
  'Crypto', 'Buffer', 'fs', 'fetch', 'Headers', 'Response', 'Intl'];
const shapes = names.map((n) => {
  const d = Object.getOwnPropertyDescriptor(globalThis, n);
  return n + ':' + (d && 'value' in d && d.writable === false && d.configurable === false);
});
return {
  frozen: Object.isFrozen(globalThis), shapes,
  uses: [new URL('https://x.test/?a=1').searchParams.get('a'), typeof AbortSignal.abort, crypto.randomUUID().length,
    Buffer.from('hi').toString('hex'), typeof fetch, new Headers({ a: '1' }).get('a'), typeof fs.readFile,
    new Intl.NumberFormat('en-US').format(1234.5)],
};
"""
WANT = {"frozen": True,
        "shapes": [n + ":true" for n in ("URL", "URLSearchParams", "Event", "EventTarget", "AbortSignal",
                                         "AbortController", "crypto", "Crypto", "Buffer", "fs", "fetch", "Headers",
                                         "Response", "Intl")],
        "uses": ["1", "function", 36, "6869", "function", "1", "function", "1,234.5"]}
res, units, marks = run(FROZEN)
ok(len(res) == 1 and res[0].get("value") == WANT and set(units) == (set() if TEMPLATE else ALL)
   and "result-sent" in marks,  # every mark fit in the guest's trace table
   "Object.freeze(globalThis) before any use: every lazy global is built, frozen, and works",
   json.dumps({"units": units, "res": res})[:1200])

SEAL = ("Object.seal(globalThis); Reflect.preventExtensions(globalThis);"
        "return [typeof URL, typeof Buffer.from, new Event('x').type, Object.isSealed(globalThis)]")
res, units, marks = run(SEAL)
ok(len(res) == 1 and res[0].get("value") == ["function", "function", "x", True]
   and set(units) == (set() if TEMPLATE else ALL),
   "seal and preventExtensions build them first too", json.dumps({"units": units, "res": res})[:800])

# Through one template guest: the units were built before the first run.
K = 3
res, units, marks = run("return [typeof fetch, Buffer.from('a').length, new URL('http://h/').host, typeof crypto]",
                 "--template=%d" % K)
ok(len(res) == K and all(r.get("value") == ["function", 1, "h", "object"] for r in res) and units == []
   and marks.count("template-child") == K,  # the trace was on in every run
   "template runs find every unit built and load none", json.dumps({"marks": marks, "res": res})[:800])

done()
