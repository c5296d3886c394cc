"""The Python client in socket mode: ``Codecell(socket=...)`` runs every
execution over one connection to a real ``codecell serve`` started here,
many at once; limits, statuses, cancellation, a missing server.

Runs in: pytest, spawning build/supervisor/codecell serve ($CODECELL_BIN).
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from codecell import Codecell
from conftest import live_children

SERVER_PIDS = set()


@pytest.fixture(autouse=True)
def no_stray_processes():
    """As conftest's, but the module's server is a child on purpose."""
    yield
    left = [p for p in live_children() if int(p.split()[0]) not in SERVER_PIDS]
    assert left == [], f"a process outlived its run: {left}"


@pytest.fixture(scope="module")
def server(binary):
    d = tempfile.mkdtemp(prefix="cc-py-serve-")
    path = os.path.join(d, "cc.sock")
    p = subprocess.Popen([binary, "serve", "--socket", path, "--pool", "2", "--max-runs", "6"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    SERVER_PIDS.add(p.pid)
    deadline = time.time() + 30
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path)
            break
        except OSError:
            if time.time() > deadline or p.poll() is not None:
                p.kill()
                pytest.fail("codecell serve did not start")
            time.sleep(0.05)
        finally:
            s.close()
    try:
        yield path
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=60)
        shutil.rmtree(d, ignore_errors=True)


def test_many_runs_share_one_connection(server):
    cc = Codecell(socket=server, timeout=20)

    async def main():
        async def one(i):
            tools = {"mine": lambda a: a["k"] * 10 + i}
            return await cc.execute(
                f"async () => {{ const a = await codemode.mine({{k: {i}}}); "
                f"const [b, c] = await Promise.all([codemode.mine({{k: a}}), codemode.mine({{k: {i}}})]); "
                f"console.log('run', {i}); return [a, b, c]; }}",
                tools,
            )

        out = await asyncio.gather(*(one(i) for i in range(12)))
        conns = len(cc._conns)
        await cc.aclose()
        return out, conns

    out, conns = asyncio.run(main())
    for i, r in enumerate(out):
        a = i * 10 + i
        assert r.error is None, r.error
        assert r.result == [a, a * 10 + i, a]
        assert r.logs == [f"run {i}"]
    assert conns == 1


def test_statuses_and_limits(server):
    cc = Codecell(socket=server)
    r = cc.execute_sync("async () => { throw new TypeError('bad') }")
    assert r.status == "error" and r.error == "TypeError: bad"
    r = cc.execute_sync("async () => { for (;;) {} }", timeout=0.3)
    assert r.status == "timeout"
    r = cc.execute_sync("async () => { for (let i = 0; i < 5; i++) await codemode.t(); }", {"t": lambda: 1},
                        limits={"tool_calls": 2})
    assert r.status == "tool_call_limit"
    r = cc.execute_sync("async () => 1", timeout=3600)
    assert r.status == "sandbox_error" and "may only lower" in r.error
    r = Codecell(socket=server, policy_name="nosuch").execute_sync("async () => 1")
    assert r.status == "sandbox_error" and "no policy named 'nosuch'" in r.error


def test_cancel_one_run_others_go_on(server):
    cc = Codecell(socket=server)

    async def main():
        gate = asyncio.Event()
        stop = asyncio.Event()

        async def wait(_a=None):
            await gate.wait()
            return "done"

        async def hang(_a=None):
            await asyncio.Event().wait()

        held = asyncio.ensure_future(cc.execute("async () => await codemode.wait({})", {"wait": wait}))
        stopped = asyncio.ensure_future(cc.execute("async () => { await codemode.hang({}); return 1 }",
                                                   {"hang": hang}, cancel=stop))
        await asyncio.sleep(0.3)
        stop.set()
        s = await stopped
        gate.set()
        h = await held
        await cc.aclose()
        return s, h

    s, h = asyncio.run(main())
    assert s.status == "cancelled", s
    assert h.result == "done", h.error


def test_socket_mode_options_checked(server):
    with pytest.raises(TypeError, match="server's operator"):
        Codecell(socket=server, policy="/x.json")
    with pytest.raises(TypeError, match="give socket= too"):
        Codecell(policy_name="x")


def test_no_server_is_a_clear_error(tmp_path):
    r = Codecell(socket=str(tmp_path / "nobody.sock")).execute_sync("async () => 1")
    assert r.status == "sandbox_error" and "no codecell serve is listening" in r.error
