#!/usr/bin/env python3
"""The supervisor bounded by construction (issue 9): a guest that floods
requests whose replies it never reads must not grow the supervisor's memory
or CPU, and the run ends on time with its status. Each flood runs the real
supervisor with a hostile stand-in guest (evilguest.c) and measures the
supervisor's own peak RSS from /proc while it runs.

usage: test_bounded.py CODECELL EVILGUEST   (TAP on stdout)
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ok, done, setup  # noqa: E402

CODECELL, EVIL = sys.argv[1], sys.argv[2]
setup(CODECELL)
tmp = tempfile.mkdtemp(prefix="codecell-bounded-test-")
data = os.path.join(tmp, "data")
os.makedirs(data)
with open(os.path.join(data, "big"), "wb") as f:
    f.write(os.urandom(700 * 1024))
pol = os.path.join(tmp, "p.jsonc")
with open(pol, "w") as f:
    f.write(f'{{"version": 1, "filesystem": {{"mounts": [{{"path": "/data", "type": "host", "source": "{data}", '
            f'"mode": "ro"}}]}}}}')

# Queues hold at most two largest frames (1 MiB each by default) plus slack,
# on top of the supervisor's own ~10 MiB; 64 MiB leaves room for allocator
# slack and is far below the ~900 MiB the flood reached before the cap.
RSS_BOUND_KIB = 64 * 1024


# Under AddressSanitizer (the sanitizer pass of scripts/test.sh) freed memory
# waits in a quarantine of up to 256 MiB before reuse, which would count as
# the supervisor's RSS: a small quarantine keeps the bound about codecell.
# An unsanitized binary ignores the variable.
ASAN_ENV = dict(os.environ, ASAN_OPTIONS=":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                                  "quarantine_size_mb=4"])))


def flood(mode, args, wall="3s"):
    p = subprocess.Popen([CODECELL, "run", "--guest", EVIL, "--guest-arg", mode, "--timeout", wall, "--cpu", "20s",
                          *args, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=ASAN_ENV)
    p.stdin.write(b"1")
    p.stdin.close()
    t0 = time.time()
    peak = 0
    while p.poll() is None:
        try:
            with open(f"/proc/{p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.05)
        if time.time() - t0 > 60:
            p.kill()
    cpu = os.times()
    out, err = p.stdout.read().decode(errors="replace"), p.stderr.read().decode(errors="replace")
    return p.returncode, out + err, peak, time.time() - t0


for mode, args, what in (("fs-flood", ["--policy", pol], "1,000s of 700 KB reads never read back"),
                         ("deny-flood", [], "denied fs frames with 4 KB paths, replies never read")):
    before = os.times()
    rc, text, peak, wall = flood(mode, args)
    after = os.times()
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    print(f"# {mode}: rc {rc}, peak RSS {peak} KiB, {wall:.1f} s wall, {cpu:.2f} s CPU (supervisor + guest)")
    ok(rc == 3 and "timeout" in text, f"{mode}: the run ends on time with status timeout", text[-400:])
    ok(0 < peak < RSS_BOUND_KIB, f"{mode}: the supervisor's peak RSS stays under {RSS_BOUND_KIB // 1024} MiB ({what})",
       f"peak {peak} KiB")
    ok(wall < 10 and cpu < 5, f"{mode}: bounded time and CPU", f"{wall:.1f} s wall, {cpu:.2f} s CPU")

done()
