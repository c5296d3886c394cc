"""What the client refuses at construction, and what it does when the
supervisor misbehaves (a stand-in binary): protocol errors are results,
never exceptions or hangs.

Runs in: pytest. Input: the real binary for construction checks, a fake
one (conftest.FAKE) for the rest.
"""

import asyncio
import os
import time

import pytest

import codecell.transport
from codecell import Codecell, ConfigurationError, execute_sync, format_run_error, sanitize_tool_name


def test_unknown_options_are_refused_with_a_suggestion(binary):
    with pytest.raises(TypeError, match=r"unknown option 'codecell_path'; did you mean 'binary'\?"):
        Codecell(codecell_path=binary)
    with pytest.raises(TypeError, match=r"unknown option 'polcy'; did you mean 'policy'\?"):
        Codecell(binary=binary, polcy="x")
    with pytest.raises(TypeError, match=r"unknown limit 'max_output'; did you mean 'output'\?"):
        Codecell(binary=binary, limits={"max_output": 5})
    with pytest.raises(TypeError, match=r"unknown limit 'wall'; did you mean the timeout option\?"):
        Codecell(binary=binary, limits={"wall": 5})
    cc = Codecell(binary=binary)
    with pytest.raises(TypeError, match=r"unknown execute option 'timout'; did you mean 'timeout'\?"):
        cc.execute_sync("1", {}, timout=3)


@pytest.mark.parametrize(
    "options, error",
    [
        ({"timeout": 0}, "timeout must be a positive number of seconds"),
        ({"timeout": "5s"}, "timeout must be a positive number of seconds"),
        ({"limits": {"memory": "64MB"}}, 'limits\\[\'memory\'\\] must be a positive number of bytes or a string such as "64MiB"'),
        ({"limits": {"tool_calls": -1}}, "tool_calls'\\] must be a non-negative int"),
        ({"cgroup": "sometimes"}, 'cgroup must be "auto", "required" or "off"'),
        ({"env": {"A": 1}}, "env must be a mapping of str to str"),
        ({"on_log": "print"}, "on_log must be callable"),
    ],
)
def test_bad_option_values(binary, options, error):
    with pytest.raises((TypeError, ValueError), match=error):
        Codecell(binary=binary, **options)


def test_bad_tools_are_refused(binary):
    cc = Codecell(binary=binary)
    with pytest.raises(TypeError, match="not callable"):
        cc.execute_sync("1", {"ns": {"x": 3}})
    with pytest.raises(ValueError, match="reserved"):
        cc.execute_sync("1", {"console": {"x": print}})
    with pytest.raises(ValueError, match="both become 'a_b'"):
        cc.execute_sync("1", {"a-b": print, "a.b": print})
    with pytest.raises(TypeError, match="code must be a str"):
        cc.execute_sync(b"1", {})
    assert sanitize_tool_name("get-weather") == "get_weather"
    assert sanitize_tool_name("3d view") == "_3d_view"
    assert sanitize_tool_name("delete") == "delete_"


def test_a_missing_binary(tmp_path, monkeypatch):
    missing = str(tmp_path / "nope")
    with pytest.raises(ConfigurationError, match=f'codecell binary "{missing}" not found; set the binary option or \\$CODECELL_BIN'):
        Codecell(binary=missing)
    monkeypatch.setenv("CODECELL_BIN", missing)
    with pytest.raises(ConfigurationError, match="not found"):
        Codecell()
    monkeypatch.delenv("CODECELL_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match='codecell binary "codecell" not found'):
        Codecell()


def test_binary_from_env_then_path(binary, monkeypatch):
    monkeypatch.setenv("CODECELL_BIN", binary)
    assert Codecell().binary == binary
    monkeypatch.delenv("CODECELL_BIN")
    monkeypatch.setenv("PATH", os.path.dirname(binary) + os.pathsep + os.environ["PATH"])
    cc = Codecell()
    assert cc.binary == "codecell"
    assert cc.execute_sync("async () => 5", {}).result == 5


def test_a_bad_policy_fails_at_construction(binary, write_policy):
    bad = write_policy('{"this is": "not a policy"')
    with pytest.raises(ConfigurationError) as e:
        Codecell(binary=binary, policy=bad)
    assert str(e.value).startswith(f"policy {bad} is not valid:\n{bad}:1:")
    # Spoiled after construction: a run error, not an exception.
    good = write_policy("{}")
    cc = Codecell(binary=binary, policy=good)
    write_policy('{"limits": {"wall": 5}}')
    r = cc.execute_sync("1", {})
    assert r.status == "usage_error"
    assert r.error.startswith("codecell refused the run (usage or configuration error): ")
    assert "needs a unit" in r.error


def test_not_codecell_and_a_protocol_version_mismatch(fake_binary, monkeypatch):
    monkeypatch.setenv("FAKE_VERSION", "codecell 2.0.0 (host protocol v2)")
    with pytest.raises(ConfigurationError, match=r"speaks host protocol v2, this client speaks v1: install matching versions"):
        Codecell(binary=fake_binary)
    monkeypatch.setenv("FAKE_VERSION", "something else 1.0")
    with pytest.raises(ConfigurationError, match="does not look like codecell"):
        Codecell(binary=fake_binary)


def test_a_binary_removed_after_construction(fake_binary):
    cc = Codecell(binary=fake_binary)
    os.unlink(fake_binary)
    r = cc.execute_sync("1", {})
    assert r.status == "sandbox_error"
    assert r.error.startswith("cannot start codecell: ") and "not found" in r.error


@pytest.mark.parametrize(
    "mode, status, error",
    [
        ("garbage", "protocol_error", "protocol_error: codecell sent a line that is not JSON: this is not json"),
        ("wrong-version", "protocol_error", 'protocol_error: codecell sent an unexpected message (want an object with "v":1'),
        ("die", "sandbox_error", "sandbox_error: codecell exited with code 4 without a result: fake: something broke"),
        ("usage", "usage_error", "codecell refused the run (usage or configuration error): codecell: invalid duration 'x'"),
    ],
)
def test_a_misbehaving_supervisor_is_an_error_result(fake_binary, monkeypatch, mode, status, error):
    monkeypatch.setenv("FAKE_MODE", mode)
    t0 = time.monotonic()
    r = Codecell(binary=fake_binary).execute_sync("1", {})
    assert r.status == status
    assert r.error.startswith(error), r.error
    # Killed at once, not after the fake's 60 s sleep.
    assert time.monotonic() - t0 < 30


def test_stderr_is_kept_only_up_to_its_cap(fake_binary, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "spew")
    r = Codecell(binary=fake_binary).execute_sync("1", {})
    assert r.status == "sandbox_error"
    assert r.error.startswith("sandbox_error: codecell exited with code 4 without a result: eeee")
    kept = r.error.split(": ", 2)[2]
    assert 16000 < len(kept) <= codecell.transport.MAX_STDERR, len(kept)


def test_a_line_too_long_is_a_protocol_error(fake_binary, monkeypatch):
    monkeypatch.setattr(codecell.transport, "MAX_LINE", 100_000)
    monkeypatch.setenv("FAKE_MODE", "long-line")
    monkeypatch.setenv("FAKE_LEN", "300000")
    r = Codecell(binary=fake_binary).execute_sync("1", {})
    assert r.status == "protocol_error"
    assert r.error.startswith("protocol_error: codecell sent a line longer than 100000 bytes"), r.error


def test_a_tool_the_host_lacks_is_answered_with_an_error(fake_binary, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "unoffered")
    r = Codecell(binary=fake_binary).execute_sync("1", {"other": lambda: 1})
    assert r.result == {
        "v": 1,
        "type": "tool_result",
        "id": "7",
        "ok": False,
        "error": {"name": "Error", "message": 'Tool "codemode.secret" not found'},
    }


def test_a_supervisor_ignoring_cancel_is_killed_after_the_grace_period(fake_binary, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "ignore-cancel")

    async def main():
        cancel = asyncio.Event()

        async def hang():
            cancel.set()
            await asyncio.Event().wait()

        cc = Codecell(binary=fake_binary, kill_grace=0.5)
        return await cc.execute("1", {"hang": hang}, cancel=cancel)

    r = asyncio.run(main())
    assert (r.status, r.error) == (
        "cancelled",
        "cancelled: the cancel event was set; codecell did not stop within 0.5 s and was killed",
    )


def test_task_cancellation_sends_cancel_before_anything_else(fake_binary, monkeypatch, tmp_path):
    monkeypatch.setenv("FAKE_MODE", "record-cancel")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "got.json"))

    async def main():
        called = asyncio.Event()

        async def hang():
            called.set()
            await asyncio.Event().wait()

        task = asyncio.ensure_future(Codecell(binary=fake_binary, kill_grace=20).execute("1", {"hang": hang}))
        await called.wait()
        t0 = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - t0

    took = asyncio.run(main())
    import json

    assert json.loads((tmp_path / "got.json").read_text()) == {"v": 1, "type": "cancel", "reason": "the calling task was cancelled"}
    # The supervisor exited on its own: no waiting for the 20 s kill.
    assert took < 15


def test_the_host_watchdog_stops_a_hung_supervisor(fake_binary, monkeypatch):
    import codecell.session

    monkeypatch.setenv("FAKE_MODE", "ignore-cancel")
    monkeypatch.setattr(codecell.session, "WATCHDOG_SLACK", 0.2)
    r = Codecell(binary=fake_binary, timeout=0.3, kill_grace=0.3).execute_sync("1", {"hang": lambda: None})
    assert r.status == "timeout"
    assert r.error == "timeout: codecell did not finish within 0.5 s; it was stopped"


def test_format_run_error():
    assert format_run_error("error", {"name": "SyntaxError", "message": "SyntaxError: x"}) == "SyntaxError: x"
    assert format_run_error("error", {"name": "Error", "message": "m"}) == "m"
    assert format_run_error("timeout", {"message": "too slow"}) == "timeout: too slow"
    assert format_run_error("sandbox_error", None) == "sandbox_error: the run did not finish"


def test_module_level_execute_sync_checks_options(binary):
    with pytest.raises(TypeError, match="did you mean 'binary'"):
        execute_sync("1", {}, bin=binary)
