"""Fan-out (issue 10 item 2): requests past the supervisor's in-flight window
wait in the guest and go out as replies free slots, so any number of
concurrent tool calls finish through a slow host; the total tool-call cap
keeps its own status."""
import select
import sys
import time

import harness
from harness import Host, ok

harness.setup(sys.argv[1])


def serve_slowly(h, window_seen, batch_delay=0.002, quiet=0.05):
    """Answers tool calls in reverse order, a batch at a time, after the
    guest has gone quiet for `quiet` seconds: a slow host that lets the
    guest fill every slot. Records the most calls it saw outstanding."""
    pending = []
    while True:
        try:
            m = h.recv(timeout=quiet if pending else 30)
        except TimeoutError:
            window_seen[0] = max(window_seen[0], len(pending))
            time.sleep(batch_delay)
            for c in reversed(pending):
                h.send({"v": 1, "type": "tool_result", "id": c["id"], "ok": True, "value": c["args"][0]["id"] * 2})
            pending = []
            continue
        if m["type"] == "result":
            h.wait()
            return m
        if m["type"] == "tool_call":
            pending.append(m)


N = 10000
prog = f"""async () => {{
  const ids = Array.from({{ length: {N} }}, (_, i) => i);
  const out = await Promise.all(ids.map((id) => codemode.get({{ id }})));
  let bad = 0;
  out.forEach((v, i) => {{ if (v !== i * 2) bad++; }});
  return {{ n: out.length, bad }};
}}"""
seen = [0]
t0 = time.time()
h = Host(prog, args=["--max-tool-calls", str(N), "--timeout", "120s", "--cpu", "120s"])
res = serve_slowly(h, seen)
ok(res["status"] == "ok" and res["value"] == {"n": N, "bad": 0}, f"{N} concurrent tool calls finish", res)
ok(seen[0] == 64, "the host never sees more than the window (64) outstanding", f"# most outstanding: {seen[0]}")
print(f"# {N} calls in {time.time() - t0:.1f}s")

h = Host(prog.replace(str(N), "200"))
res = serve_slowly(h, [0])
ok(res["status"] == "ok" and res["value"] == {"n": 200, "bad": 0}, "fan-out of 200 with the default window", res)

# Errors and callbacks through the queue: a request that waited and then
# failed rejects its own promise only.
prog_err = """async () => {
  const r = await Promise.allSettled(Array.from({ length: 150 }, (_, i) => codemode.get({ id: i })));
  return r.filter((x) => x.status === 'rejected').map((x) => x.reason.message).slice(0, 2).concat([r.length]);
}"""
h = Host(prog_err)
pending = []
while True:
    try:
        m = h.recv(timeout=0.05 if pending else 30)
    except TimeoutError:
        for c in pending:
            i = c["args"][0]["id"]
            if i in (100, 149):
                h.send({"v": 1, "type": "tool_result", "id": c["id"], "ok": False, "error": {"message": f"no {i}"}})
            else:
                h.send({"v": 1, "type": "tool_result", "id": c["id"], "ok": True, "value": i})
        pending = []
        continue
    if m["type"] == "result":
        h.wait()
        res = m
        break
    if m["type"] == "tool_call":
        pending.append(m)
ok(res["status"] == "ok" and res["value"] == ["no 100", "no 149", 150], "queued requests settle one by one", res)

# The cap on the total number of calls is still its own status.
h = Host("async () => Promise.all(Array.from({ length: 500 }, (_, i) => codemode.get({ id: i })))",
         args=["--max-tool-calls", "100"])
res = serve_slowly(h, [0])
ok(res["status"] == "tool_call_limit", "the total tool-call cap keeps its status under fan-out", res)

harness.done()
