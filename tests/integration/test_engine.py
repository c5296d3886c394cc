#!/usr/bin/env python3
"""The decision engine end to end (issue 8): the two approval bypasses as
regression tests, and a differential test that cannot pass if the approval
question and the enforcement disagree.

For generated filesystem paths (control bytes, "..", "//", unicode, long,
NUL) and URLs (percent-encoded dots and slashes, case, ports, userinfo, IPv6
and numeric IPv4 forms), a program makes the requests through the real
guest, supervisor and disk/loopback server. The host approves every
approval_request and records it. Afterwards an oracle written here,
independently of the supervisor, checks every effect that happened: each
file created is where the question (the approval detail) said, each read or
write on an "ask" mount was asked, and each request that reached the server
was asked and stays inside its rule's path prefix as a decoding server sees
it.

usage: test_engine.py CODECELL HTTPD [EVILGUEST]   (TAP on stdout)
"""
import atexit
import json
import os
import posixpath
import random
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Host, ok, done, setup  # noqa: E402

CODECELL, HTTPD = sys.argv[1], sys.argv[2]
setup(CODECELL)
tmp = tempfile.mkdtemp(prefix="codecell-engine-test-")
atexit.register(shutil.rmtree, tmp, True)  # nothing left in /tmp after the test
dirs = {name: os.path.join(tmp, name) for name in ("ask", "open", "ro")}
for d in dirs.values():
    os.makedirs(d)
with open(os.path.join(dirs["ask"], "a\x01"), "w") as f:
    f.write("secret-a1")
with open(os.path.join(dirs["ask"], "plain.txt"), "w") as f:
    f.write("plain")
log_paths = os.path.join(tmp, "server.log")
srv = subprocess.Popen([sys.executable, HTTPD], stdout=subprocess.PIPE, text=True,
                       env=dict(os.environ, LOG_PATHS=log_paths))
atexit.register(srv.kill)
port = int(srv.stdout.readline())


def policy(text):
    fd, path = tempfile.mkstemp(suffix=".jsonc", dir=tmp)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


pol = policy(f"""{{
  "version": 1,
  "filesystem": {{"mounts": [
    {{"path": "/data", "type": "host", "source": "{dirs['ask']}", "mode": "rw", "ask": "always",
      "max_bytes": "1MiB", "max_files": 1000}},
    {{"path": "/open", "type": "host", "source": "{dirs['open']}", "mode": "rw",
      "max_bytes": "1MiB", "max_files": 1000}},
    {{"path": "/ro", "type": "host", "source": "{dirs['ro']}", "mode": "ro"}}
  ]}},
  "network": {{"allow": [
    {{"scheme": "http", "host": "127.0.0.1", "port": {port}, "path_prefix": "/v1", "ask": true,
      "allow_private": true, "methods": ["GET", "POST"]}}
  ]}},
  "approvals": {{"timeout": "20s"}}
}}""")


def run(program, approve=True):
    """Runs the program; answers every approval with `approve`. Returns the
    result message and the approval details asked, in order."""
    h = Host(program, args=["--policy", pol, "--timeout", "60s", "--max-tool-calls", "10"])
    asked = []
    while True:
        m = h.recv(timeout=60)
        if m["type"] == "approval_request":
            asked.append(m["detail"])
            h.send({"v": 1, "type": "approval", "id": m["id"], "allow": approve})
        elif m["type"] == "result":
            h.wait()
            return m, asked


def server_log():
    try:
        with open(log_paths) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    open(log_paths, "w").close()
    return lines


# ---- the two bypasses of issue 8, as regression tests -------------------------

# bypass-fs-control-bytes: on an "ask": "always" mount, a path with a control
# byte was read and written without any approval (policydecide denied it,
# broker.c turned the denial into "allow", fsops accepted the path).
res, asked = run(r"""async () => {
  const out = [];
  out.push(await fs.readFile('/data/a\x01', 'utf8').then((v) => 'read ' + v, (e) => e.name));
  out.push(await fs.writeFile('/data/new\x02', 'x').then(() => 'wrote', (e) => e.name));
  return out;
}""", approve=False)
ok(res["status"] == "ok" and "read secret-a1" not in res["value"] and "wrote" not in res["value"],
   "bypass-fs-control-bytes: a control byte on an ask mount neither reads nor writes", res)
ok(not os.path.exists(os.path.join(dirs["ask"], "new\x02")), "bypass-fs-control-bytes: no file created")
ok(all(d.get("mount") == "/data" for d in asked), "bypass-fs-control-bytes: anything done was asked", asked)

# bypass-net-encoded-slash: with {path_prefix: "/v1", ask: true}, /v1/..%2fadmin
# started without an approval (fetch.c's own matcher ran, not the engine).
server_log()
res, asked = run(f"""async () => fetch('http://127.0.0.1:{port}/v1/..%2fadmin').then(
  (r) => 'status ' + r.status, (e) => e.name + ': ' + e.message)""", approve=False)
reached = server_log()
ok(res["status"] == "ok" and res["value"].startswith("PermissionDenied") and not reached,
   "bypass-net-encoded-slash: /v1/..%2fadmin is refused before any connection", (res, reached))
ok(asked == [], "bypass-net-encoded-slash: no approval is asked for a request that is denied", asked)

# An ordinary ask still asks, and a refusal holds.
res, asked = run("""async () => fs.readFile('/data/plain.txt', 'utf8').then((v) => v, (e) => e.name)""",
                 approve=False)
ok(res["value"] == "PermissionDenied" and len(asked) == 1 and asked[0]["path"] == "/data/plain.txt",
   "ask mount: the read is asked and a refusal denies it", (res, asked))

# ---- tools are the host's offer (issue 9) --------------------------------------

EVIL = sys.argv[3] if len(sys.argv) > 3 else None
if EVIL:
    h = Host("1", args=["--guest", EVIL, "--guest-arg", "unoffered-tool", "--timeout", "10s"],
             namespaces={"codemode": None})
    calls = []
    while True:
        m = h.recv()
        if m["type"] == "tool_call":
            calls.append(m)
        elif m["type"] == "result":
            h.wait()
            break
    v = m.get("value") or {}
    ok(m["status"] == "ok" and not calls and v.get("ok") is False and v["error"]["name"] == "PermissionDenied"
       and "not offered" in v["error"]["message"],
       "unoffered-tool: a raw call of admin.deleteAllUsers never reaches the host", (m, calls))

# ---- differential: generated paths ---------------------------------------------

rng = random.Random(int(os.environ.get("ENGINE_SEED", "8")))
pieces = ["a", "b", "..", ".", "", "\x01", "\x7f", "\u00e9t\u00e9", "\u6587", "\U0001F600", "x" * 255, "x" * 256,
          "%2e%2e", "\\", " sp ", "\x00"]
mounts = ["/data", "/open", "/ro", "/", "/dat", "/opener", ""]


def gen_path():
    parts = [rng.choice(mounts)] + [rng.choice(pieces) for _ in range(rng.randint(0, 4))]
    p = "/".join(parts)
    if rng.random() < 0.1:
        p = "/" + p
    if rng.random() < 0.05:
        p = p + "/" + "y/" * 2100  # past PATH_MAX
    return p


def oracle(vpath):
    """Where a virtual path lands, by this test's own reading of the rules
    (docs/POLICY.md): None when no mount holds it or it is not a path."""
    if not vpath.startswith("/") or "\x00" in vpath or any(ord(c) < 0x20 or ord(c) == 0x7f for c in vpath):
        return None
    norm = posixpath.normpath("/" + vpath.lstrip("/"))
    norm = "/" + norm.lstrip("/")
    for m, key in (("/data", "ask"), ("/open", "open"), ("/ro", "ro")):
        if norm == m or norm.startswith(m + "/"):
            rel = norm[len(m):].lstrip("/")
            return key, os.path.join(dirs[key], rel) if rel else dirs[key]
    return None


paths = sorted({gen_path() for _ in range(400)})
ops = []
for i, p in enumerate(paths):
    ops.append(("write", p, f"T{i}"))
    ops.append(("read", p, None))
# Files the reads may find: one per mount.
for key in dirs:
    with open(os.path.join(dirs[key], "a"), "w") as f:
        f.write(f"R-{key}")
prog = "async () => {\n  const ops = " + json.dumps(ops) + """;
  const out = [];
  for (const [op, p, tag] of ops) {
    if (op === 'write') out.push(await fs.writeFile(p, tag).then(() => 'ok', (e) => e.name));
    else out.push(await fs.readFile(p, 'utf8').then((v) => 'read:' + v, (e) => e.name));
  }
  return out;
}"""
before = {k: set(os.listdir(d)) for k, d in dirs.items()}
res, asked = run(prog, approve=True)
ok(res["status"] == "ok" and len(res["value"]) == len(ops), f"differential: {len(ops)} fs requests ran", res)
out = res.get("value") or []
asked_paths = [d.get("path") for d in asked]
problems = []
# Every file on disk was created by an op whose question names it.
created = {}
for key, d in dirs.items():
    for root_, subdirs, files in os.walk(d):
        for name in files:
            full = os.path.join(root_, name)
            with open(full, errors="replace") as f:
                content = f.read()
            if content.startswith("T"):
                created[full] = int(content[1:])
for full, i in created.items():
    op, p, tag = ops[2 * i]
    where = oracle(p)
    if not where or os.path.normpath(where[1]) != os.path.normpath(full):
        problems.append(f"write {p!r} created {full} but the oracle says {where}")
    if where and where[0] == "ro":
        problems.append(f"write {p!r} changed the read-only mount")
# Every op that succeeded on the ask mount was asked, with the same place.
k = 0
for (op, p, tag), result in zip(ops, out):
    where = oracle(p)
    success = result == "ok" or str(result).startswith("read:")
    if success and (where is None):
        problems.append(f"{op} {p!r} succeeded but no mount holds it")
    if success and where and where[0] == "ask":
        qs = [d for d in asked if oracle(d.get("path", "")) and
              os.path.normpath(oracle(d["path"])[1]) == os.path.normpath(where[1])]
        if not qs:
            problems.append(f"{op} {p!r} on the ask mount succeeded without a question naming it")
    if op == "write" and result == "ok" and where and where[0] != "ro":
        if not os.path.exists(where[1]):
            problems.append(f"write {p!r} reported ok but {where[1]} does not exist")
    if op == "read" and success and where:
        # What was read must come from the file the oracle names: a tag
        # written there by an earlier op, or the seeded content.
        got = str(result)[5:]
        if got.startswith("T"):
            w = oracle(ops[2 * int(got[1:])][1])
            same = w and os.path.normpath(w[1]) == os.path.normpath(where[1])
        else:
            same = got == f"R-{where[0]}" and os.path.normpath(where[1]) == os.path.join(dirs[where[0]], "a")
        if not same:
            problems.append(f"read {p!r} returned {result!r}, which is not from {where[1]}")
for d in asked:
    if d.get("mount") != "/data":
        problems.append(f"asked about {d} outside the ask mount")
print(f"# {len(paths)} paths, {len(created)} files created, {len(asked)} questions")
ok(not problems, "differential: every fs effect was decided by the engine and every ask was asked",
   "\n".join(problems[:20]))

# ---- differential: generated URLs ------------------------------------------------

segs = ["v1", "V1", "v10", "..", ".", "%2e", "%2E%2e", "%2f", "%2F", "%5c", "a", "%41", "admin", "", "v1%2f..",
        "..%2fadmin"]
hosts = ["127.0.0.1", "127.0.0.1.", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "[::ffff:127.0.0.1]", "[::1]",
         "localhost", "LOCALHOST", "u:p@127.0.0.1", "127.0.0.2"]
schemes = ["http", "HTTP", "https"]


def gen_url():
    host = rng.choice(hosts)
    portpart = rng.choice([f":{port}", f":{port}", "", f":0{port}", f":{port + 1}"])
    path = "/" + "/".join(rng.choice(segs) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.2:
        path += "?q=" + rng.choice(["1", "%2f..", "../x"])
    return f"{rng.choice(schemes)}://{host}{portpart}{path}"


urls = sorted({gen_url() for _ in range(300)})
server_log()
prog = "async () => {\n  const urls = " + json.dumps(urls) + """;
  const out = [];
  for (const u of urls) out.push(await fetch(u).then((r) => 'status ' + r.status, (e) => e.name));
  return out;
}"""
res, asked = run(prog, approve=True)
reached = server_log()
ok(res["status"] == "ok" and len(res["value"]) == len(urls), f"differential: {len(urls)} fetches ran", res)
problems = []
for target in reached:
    # A server that decodes before routing: every reached path must still
    # be inside /v1 after percent-decoding and dot-segment removal.
    path = urlsplit(target).path
    decoded = posixpath.normpath(unquote(unquote(path)).replace("\\", "/"))
    if not (decoded == "/v1" or decoded.startswith("/v1/")):
        problems.append(f"the server saw {target!r} (decoded {decoded!r}) outside the /v1 prefix")
asked_urls = [d.get("url") for d in asked]
n_ok = sum(1 for v in res.get("value") or [] if str(v).startswith("status"))
if n_ok > len(asked):
    problems.append(f"{n_ok} fetches got a response but only {len(asked)} approvals were asked")
if len(reached) > len(asked):
    problems.append(f"{len(reached)} requests reached the server but only {len(asked)} were asked")
for u, v in zip(urls, res.get("value") or []):
    if str(v).startswith("status") and u not in asked_urls:
        problems.append(f"{u} got {v} without being asked")
print(f"# {len(urls)} URLs, {len(reached)} reached the server, {len(asked)} questions")
ok(not problems, "differential: every request that reached the server was asked and stayed in its prefix",
   "\n".join(problems[:20]))

srv.kill()
done()
