#!/usr/bin/env python3
"""The one-shot guest's heap image (guest/image.h), end to end: a run copies
the image beside the guest instead of running the prelude; --no-image runs
the prelude; a missing, damaged or foreign image is refused with its reason
in the trace and the run goes on with the prelude; what a program sees does
not depend on which (tests/js's runtime-js-codecell-noimage compares the
whole case corpus both ways); nothing random is fixed in the image.

usage: test_image.py CODECELL GUEST   (TAP on stdout)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Host, ok, plain, done, setup, skip  # noqa: E402

CODECELL, GUEST = sys.argv[1], sys.argv[2]
IMAGE = GUEST + ".image"
setup(CODECELL)


def traced(code, *args):
    env = dict(os.environ, CODECELL_TRACE="1")
    p = subprocess.run([CODECELL, "run", *args, "-"], input=code.encode(), capture_output=True, env=env,
                       timeout=60)
    phases = [line.split(":", 1)[1].strip() for line in p.stderr.decode(errors="replace").splitlines()
              if line.startswith("codecell-trace: guest ")]
    return p.returncode, p.stdout.decode(errors="replace").strip(), [" ".join(x.split()[:-2]) for x in phases]


ok(os.path.exists(IMAGE), "the build wrote the guest's image beside it", IMAGE)

# meson test --setup template runs every program through a template guest,
# whose children have the template's heap: no image is passed or read.
TEMPLATE = os.environ.get("CODECELL_TEST_TEMPLATE", "") not in ("", "0")


def phase_checks():
    rc, out, phases = traced("[1, 2, 3].map((x) => x * 2).join()")
    ok(rc == 0 and json.loads(out) == "2,4,6" and "guest image-restored" in phases
       and "guest prelude-loaded" not in phases, "a run's guest starts from the image, not the prelude", [rc, out, phases])

    rc, out, phases = traced("[1, 2, 3].map((x) => x * 2).join()", "--no-image")
    ok(rc == 0 and json.loads(out) == "2,4,6" and "guest prelude-loaded" in phases
       and "guest image-restored" not in phases, "--no-image: the guest runs the prelude", [rc, out, phases])

    # A guest whose image is missing, damaged or another binary's: the run goes
    # on with the prelude, and the trace says why.
    tmp = tempfile.mkdtemp(prefix="cc-image-")
    try:
        guest = os.path.join(tmp, "codecell-guest")
        shutil.copy2(GUEST, guest)
        rc, out, phases = traced("6 * 7", "--guest", guest)
        ok(rc == 0 and out == "42" and "guest prelude-loaded" in phases and not any("image" in x for x in phases),
           "no image beside the guest: the prelude, and no image phase", [rc, out, phases])
        data = open(IMAGE, "rb").read()
        cases = [
            ("one byte short", data[:-1], "guest image-malformed"),
            ("its magic broken", b"X" + data[1:], "guest image-malformed"),
            ("another binary's build ID", data[:12] + bytes([data[12] ^ 0xFF]) + data[13:],
             "guest image-foreign"),
            ("empty", b"", "guest image-unreadable"),
        ]
        for what, content, reason in cases:
            with open(guest + ".image", "wb") as f:
                f.write(content)
            rc, out, phases = traced("6 * 7", "--guest", guest)
            ok(rc == 0 and out == "42" and reason in phases and "guest prelude-loaded" in phases,
               f"an image {what} is refused ({reason[6:]}) and the prelude runs", [rc, out, phases])
        # A FIFO where the image should be: opened without blocking, found
        # empty by the guest, and the run goes on.
        os.unlink(guest + ".image")
        os.mkfifo(guest + ".image")
        rc, out, phases = traced("6 * 7", "--guest", guest)
        ok(rc == 0 and out == "42" and "guest prelude-loaded" in phases,
           "a FIFO in the image's place does not hang the run; the prelude runs", [rc, out, phases])
    finally:
        shutil.rmtree(tmp)


if TEMPLATE:
    skip("the image's phases and refusals", "CODECELL_TEST_TEMPLATE: this run's guest is a template's child, "
         "whose heap is the template's (no image is passed)")
else:
    phase_checks()

# The writer: where the kernel does not randomise layouts (setarch -R) it
# has one try, and what it writes there a run restores and is the build's
# image byte for byte (nothing in it depends on where the writer's stack
# and mappings were: the image is reproducible; guest/duk/patch-duktape.py,
# tval-extra-zero); a try number out of range is refused. (The retry in a
# fresh layout is image.c's verdict, tests/unit/test-image.c.)
def writer_checks():
    tmp = tempfile.mkdtemp(prefix="cc-image-writer-")
    try:
        guest = os.path.join(tmp, "codecell-guest")
        shutil.copy2(GUEST, guest)
        probe = subprocess.run(["setarch", "-R", "true"], capture_output=True)
        if probe.returncode != 0:
            skip("the image written in an unrandomised layout",
                 "setarch -R cannot run here: " + probe.stderr.decode(errors="replace").strip())
        else:
            p = subprocess.run(["setarch", "-R", guest, "--write-image=" + guest + ".image"], capture_output=True,
                               timeout=60)
            ok(p.returncode == 0 and os.path.getsize(guest + ".image") > 4096,
               "in an unrandomised layout the writer writes the image on its one try",
               [p.returncode, p.stderr.decode(errors="replace")[-400:]])
            with open(guest + ".image", "rb") as a, open(IMAGE, "rb") as b:
                again, built = a.read(), b.read()
            differ = sum(again[i:i + 8] != built[i:i + 8] for i in range(0, min(len(again), len(built)), 8))
            ok(again == built, "and it is the build's image, byte for byte (the image is reproducible)",
               f"{len(again)} and {len(built)} bytes, {differ} words differ")
            if TEMPLATE:
                skip("a run restores that image", "CODECELL_TEST_TEMPLATE: no image is passed to a template's child")
            else:
                rc, out, phases = traced("6 * 7", "--guest", guest)
                ok(rc == 0 and out == "42" and "guest image-restored" in phases,
                   "a run restores that image", [rc, out, phases])
        p = subprocess.run([guest, "--write-image=" + os.path.join(tmp, "x.image"), "--image-try=17"],
                           capture_output=True, timeout=60)
        ok(p.returncode != 0 and b"--image-try needs a number between 1 and 16" in p.stderr,
           "a try number past IMAGE_TRIES is refused", [p.returncode, p.stderr[-200:]])
    finally:
        shutil.rmtree(tmp)


writer_checks()

# Nothing random is fixed in the image: each run draws its own.
prog = "[Math.random(), crypto.randomUUID()].join(' ')"
seen = {plain(prog)[1].strip() for _ in range(3)}
ok(len(seen) == 3, "Math.random and crypto differ from run to run", seen)

# The same limits and messages either way: a program that fills its heap,
# and a log too large for one frame (kept in part, with a note; its
# frame limit is read when it logs, not when the prelude ran).
for args in ([], ["--no-image"]):
    h = Host("const a = []; for (;;) a.push('x'.repeat(4096) + a.length);", args=["--heap", "16MiB", *args])
    res = h.serve({}, timeout=60)
    ok(res.get("status") == "memory_limit" and "16777216-byte heap" in res.get("error", {}).get("message", ""),
       f"a heap-filling program ends on its heap limit {args}", {k: res.get(k) for k in ("status", "error")})
    rc, out, err = plain("console.log('y'.repeat(3000000)); 1", *args)
    ok(rc == 0 and out.strip() == "1" and "[log message truncated: " in err and err.count("y") > 100000,
       f"a 3 MB log is truncated with a note and the run goes on {args}", [rc, out, err[-200:]])

done()
