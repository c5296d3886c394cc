"""Cost of the Python client (clients/python) next to the plain CLI, and of
a tool round trip through it: medians over N runs, in the same process and
minute (ratios are what matter; this machine is shared and noisy).
  python3 bench/python-client.py [N] [CODECELL]   (default 15, build/supervisor/codecell)
"""

import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "clients", "python", "src"))
from codecell import Codecell  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 15
BIN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "build", "supervisor", "codecell")
CALLS = 200
LOOP = f"async () => {{ for (let i = 0; i < {CALLS}; i++) await codemode.f(i); }}"


def median_ms(f, n=N):
    xs = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        xs.append(time.perf_counter() - t0)
    return statistics.median(xs) * 1000


async def af(i):
    return i


cc = Codecell(binary=BIN)
cli = median_ms(lambda: subprocess.run([BIN, "run", "-"], input=b"1", capture_output=True, check=False))
one = median_ms(lambda: cc.execute_sync("async () => 1", {}))
sync_calls = median_ms(lambda: cc.execute_sync(LOOP, {"f": lambda i: i}))
async_calls = median_ms(lambda: cc.execute_sync(LOOP, {"f": af}))
print("| what | median |\n|---|---|")
print(f"| `codecell run` of `1` (CLI) | {cli:.0f} ms |")
print(f"| the same through the Python client | {one:.0f} ms |")
print(f"| per sequential tool call, sync tool | {(sync_calls - one) / CALLS:.2f} ms |")
print(f"| per sequential tool call, async tool | {(async_calls - one) / CALLS:.2f} ms |")
