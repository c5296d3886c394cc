"""The Python client against the real supervisor and sandbox: tool round
trips, every status, concurrency, approvals, cancellation, big values and
exact numbers, tools that raise.

Runs in: pytest, spawning build/supervisor/codecell ($CODECELL_BIN).
"""

import asyncio
import json
import threading
import time

import pytest

from codecell import Codecell, ExecuteResult, execute, execute_sync

FORECASTS = {"paris": (18, "cloudy"), "tokyo": (24, "sunny"), "oslo": (6, "rain")}


def list_cities(_args=None):
    return [c.capitalize() for c in FORECASTS]


async def get_weather(args):
    f = FORECASTS.get(str(args["city"]).lower())
    if f is None:
        raise LookupError(f"unknown city: {args['city']}")
    await asyncio.sleep(0)
    return {"city": args["city"], "tempC": f[0], "conditions": f[1]}


WEATHER = {"listCities": list_cities, "getWeather": get_weather}


@pytest.fixture(scope="module")
def cc():
    from conftest import codecell_bin

    return Codecell(binary=codecell_bin(), timeout=30)


def test_round_trip_sync_and_async_tools_logs(cc):
    live = []
    r = cc.execute_sync(
        """async () => {
          const cities = await codemode.listCities({});
          console.log(`checking ${cities.length} cities`);
          const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
          const warmest = reports.reduce((a, b) => (a.tempC >= b.tempC ? a : b));
          console.warn('done'); console.error('bad'); console.info('i');
          return { warmest: warmest.city, rainy: reports.filter((r) => r.conditions === 'rain').map((r) => r.city) };
        }""",
        WEATHER,
        on_log=live.append,
    )
    assert r.error is None, r.error
    assert r.status == "ok"
    assert r.result == {"warmest": "Tokyo", "rainy": ["Oslo"]}
    assert r.logs == ["checking 3 cities", "[warn] done", "[error] bad", "i"]
    assert [(x.level, x.message) for x in live] == [
        ("log", "checking 3 cities"),
        ("warn", "done"),
        ("error", "bad"),
        ("info", "i"),
    ]
    assert all(isinstance(x.time_ms, (int, float)) for x in live)
    assert r.report["stats"]["tool_calls"] == 4
    assert r.to_dict() == {"result": r.result, "error": None, "logs": r.logs}


def test_namespaces_plain_functions_lists_and_sanitised_names(cc):
    async def get(key):
        return f"value of {key}"

    def add(a, b):
        return a + b

    def shout(s):
        return s.upper()

    r = cc.execute_sync(
        """async () => {
          const out = [await kv.get('k'), await math.add(2, 3), await codemode.get_weather({ city: 'Oslo' }),
                       await codemode.shout('hey')];
          for (const call of [() => kv.nosuch(), () => codemode.nosuch()]) {
            try { await call(); } catch (e) { out.push(e.message); }
          }
          return out;
        }""",
        {"kv": {"get": get}, "math": {"add": add}, "get-weather": get_weather, "shout": shout},
    )
    assert r.error is None, r.error
    assert r.result[:4] == ["value of k", 5, {"city": "Oslo", "tempC": 6, "conditions": "rain"}, "HEY"]
    # The supervisor refuses names the host did not offer, naming those it did.
    assert r.result[4].startswith('Tool "kv.nosuch" not found')
    assert r.result[5].startswith('Tool "codemode.nosuch" not found')

    r = cc.execute_sync("async () => [await codemode.add(1, 2), await codemode.shout('a')]", [add, shout])
    assert r.result == [3, "A"]


def test_a_sync_tool_returning_an_awaitable_and_none(cc):
    async def later():
        return 7

    r = cc.execute_sync(
        "async () => [await codemode.later(), await codemode.nothing()]",
        {"later": lambda: later(), "nothing": lambda: None},
    )
    assert r.result == [7, None], r.error


def test_tools_that_raise_reach_the_program_as_errors(cc):
    class QuotaExceeded(Exception):
        pass

    async def async_raise():
        raise QuotaExceeded("no quota left")

    def type_error():
        raise TypeError("wrong type")

    def key_error():
        return {}["missing"]

    r = cc.execute_sync(
        """async () => {
          const out = [];
          for (const t of ['a', 'b', 'c', 'd']) {
            try { await codemode[t](); } catch (e) { out.push([e.name, e.message, e instanceof Error, e instanceof TypeError]); }
          }
          return out;
        }""",
        {"a": async_raise, "b": type_error, "c": key_error, "d": lambda: {1, 2}},
    )
    assert r.error is None, r.error
    assert r.result == [
        ["QuotaExceeded", "no quota left", True, False],
        ["TypeError", "wrong type", True, True],
        ["KeyError", "'missing'", True, False],
        ["TypeError", "the tool result is not JSON-serialisable: Object of type set is not JSON serializable", True, True],
    ]


def test_status_error_names_the_exception_message_and_line(cc):
    r = cc.execute_sync(
        "async () => {\n  console.log('about to fail');\n  throw new RangeError('gave up');\n}",
        {},
    )
    assert (r.status, r.error, r.result, r.logs) == ("error", "RangeError: gave up", None, ["about to fail"])
    assert r.report["error"]["name"] == "RangeError"
    assert r.report["error"]["message"] == "gave up"
    assert "program.js:3" in r.report["error"]["stack"], r.report["error"]["stack"]
    r = cc.execute_sync("async () => { throw new Error('plain') }", {})
    assert r.error == "plain"
    r = cc.execute_sync("async () => { null.x }", {})
    assert r.error.startswith("TypeError: ")
    r = cc.execute_sync("this is not javascript", {})
    assert r.status == "error" and r.error.startswith("SyntaxError: ") and "SyntaxError: SyntaxError" not in r.error


@pytest.mark.parametrize(
    "status, options, code",
    [
        ("timeout", {"timeout": 1.5}, "async () => { console.log('waiting'); await codemode.never(); }"),
        ("cpu_limit", {"timeout": 60, "limits": {"cpu": 0.2}}, "async () => { for (;;) {} }"),
        (
            "memory_limit",
            {"limits": {"heap": "16MiB"}},
            "async () => { const a = []; for (;;) a.push('z'.repeat(100000) + a.length); }",
        ),
        (
            "output_limit",
            {"limits": {"output": 10000}},
            "async () => { for (let i = 0; i < 1000; i++) console.log('line ' + i + ' ' + 'y'.repeat(50)); return 1 }",
        ),
        (
            "tool_call_limit",
            {"limits": {"tool_calls": 3}},
            "async () => { for (let i = 0; i < 10; i++) await codemode.tick(i); return 'done' }",
        ),
    ],
)
def test_every_limit_status(cc, status, options, code):
    async def hang():
        await asyncio.Event().wait()

    r = cc.execute_sync(code, {"never": hang, "tick": lambda i: i}, **options)
    assert r.status == status, r
    assert r.error.startswith(f"{status}: ") and len(r.error) > len(status) + 10, r.error
    assert r.result is None
    if status == "timeout":
        assert r.logs == ["waiting"]


def test_concurrent_async_calls_overlap(cc):
    """Every call is in flight before any returns: each waits until all N
    have started, which only concurrent serving can satisfy."""
    n = 16
    started = []
    events = []  # made inside the run's loop (Python 3.9 binds events to a loop)
    spans = []

    async def slow(i):
        t0 = time.monotonic()
        if not events:
            events.append(asyncio.Event())
        all_in = events[0]
        started.append(i)
        if len(started) == n:
            all_in.set()
        await asyncio.wait_for(all_in.wait(), 20)
        spans.append((t0, time.monotonic()))
        return i * 10

    r = cc.execute_sync(
        f"async () => (await Promise.all(Array.from({{ length: {n} }}, (_, i) => codemode.slow(i)))).join(',')",
        {"slow": slow},
    )
    assert r.error is None, r.error
    assert r.result == ",".join(str(i * 10) for i in range(n))
    assert max(s for s, _ in spans) < min(e for _, e in spans), "the calls did not overlap"


def test_concurrent_sync_calls_run_in_threads_and_overlap(cc):
    n = 16
    barrier = threading.Barrier(n, timeout=20)
    threads = set()

    def blocking(i):
        threads.add(threading.get_ident())
        barrier.wait()  # BrokenBarrierError unless all n calls run at once
        time.sleep(0.05)
        return i

    t0 = time.monotonic()
    r = cc.execute_sync(
        f"async () => (await Promise.all(Array.from({{ length: {n} }}, (_, i) => codemode.blocking(i)))).length",
        {"blocking": blocking},
    )
    assert r.error is None, r.error
    assert r.result == n
    assert len(threads) == n
    assert threading.get_ident() not in threads
    assert time.monotonic() - t0 < 20


def test_exact_numbers_cross_both_ways(cc):
    r = cc.execute_sync(
        """async () => {
          const v = await codemode.values();
          return {
            sum: 0.1 + 0.2, big: 2 ** 53 + 1, huge: 1e21, tiny: 5e-324, max: 1.7976931348623157e308, neg: -0,
            seen: [v.f === 0.1 + 0.2, v.big === 9007199254740994, v.bigger === 1e30, v.nan === null, v.inf === null,
                   v.neg === -1.5e-7, Number.isInteger(v.one), v.one === 1],
            back: v,
          };
        }""",
        {
            "values": lambda: {
                "f": 0.1 + 0.2,
                "big": 2**53 + 2,
                "bigger": 10**30,
                "nan": float("nan"),
                "inf": float("inf"),
                "neg": -1.5e-7,
                "one": 1.0,
            }
        },
    )
    assert r.error is None, r.error
    v = r.result
    assert v["sum"] == 0.1 + 0.2 and v["sum"] != 0.3
    # JavaScript numbers are doubles: 2**53+1 is 2**53 there, as float() gives here.
    assert v["big"] == float(2**53 + 1) == 2**53 and isinstance(v["big"], int)
    assert v["huge"] == 1e21 and v["tiny"] == 5e-324 and v["max"] == 1.7976931348623157e308
    assert v["neg"] == 0
    assert v["seen"] == [True] * 8
    assert v["back"]["f"] == 0.1 + 0.2
    assert v["back"]["bigger"] == float(10**30)


def test_the_client_sends_integers_digit_for_digit():
    from codecell import protocol

    line = protocol.encode_tool_value("1", [2**53 + 1, 10**30, 0.1 + 0.2])
    assert line == b'{"v":1,"type":"tool_result","id":"1","ok":true,"value":[9007199254740993,1000000000000000000000000000000,0.30000000000000004]}\n'


def test_an_integer_past_2_53_rounds_as_in_node(cc):
    # Node: JSON.parse("9007199254740993") === 2**53 (ties to even), which
    # is also Python's float(2**53 + 1). Duktape rounded the tie up until
    # its parser handed decimals to strtod (patch numconv-libc-parse).
    r = cc.execute_sync("async () => String(await codemode.big())", {"big": lambda: 2**53 + 1})
    assert r.result == str(int(float(2**53 + 1))), r


def test_big_values_and_the_frame_limit(cc):
    r = cc.execute_sync(
        """async () => {
          const big = await codemode.blob(600000);
          const echoed = await codemode.echo('é✓🎉'.repeat(50000));
          let err;
          try { await codemode.blob(3000000); } catch (e) { err = e.name + ': ' + e.message; }
          return { len: big.length, echoed: echoed.length, err };
        }""",
        {"blob": lambda n: "x" * n, "echo": lambda s: s},
    )
    assert r.error is None, r.error
    assert r.result["len"] == 600000
    assert r.result["echoed"] == 4 * 50000  # JavaScript's length: 🎉 is two UTF-16 units
    assert r.result["err"].startswith("RangeError: the tool result is 3000")
    assert "more than the 1048576-byte frame limit" in r.result["err"]


def test_text_outside_the_bmp_is_two_code_units_in_the_program(cc):
    # As in node: "🎉".length is 2 and the pair survives both directions.
    r = cc.execute_sync(
        r"""async () => {
          const s = await codemode.echo("\u{1F389}!");
          return [s.length, s === "\u{1F389}!", s.charCodeAt(0), s.charCodeAt(1), s];
        }""",
        {"echo": lambda s: s if s == "\U0001F389!" else f"got {s!r}"},
    )
    assert r.result == [3, True, 0xD83C, 0xDF89, "\U0001F389!"], r


def test_lone_surrogates_cross_both_ways(cc):
    # As in node: a string cut inside a pair keeps its lone surrogate through
    # a tool's arguments, its reply (sent with ASCII escapes) and the result.
    seen = []

    def echo(s):
        seen.append(s)
        return s + "!\udc00"

    r = cc.execute_sync(
        r"""async () => {
          const s = "\u{1F389}".slice(0, 1);
          const back = await codemode.echo(s);
          return [s.length, back.length, back.charCodeAt(2), back === s + "!\uDC00", back];
        }""",
        {"echo": echo},
    )
    assert seen == ["\ud83c"], seen
    assert r.result == [1, 3, 0xDC00, True, "\ud83c!\udc00"], r


def test_a_large_program_result_arrives_whole(cc):
    r = cc.execute_sync(
        "async () => { const a = []; for (let i = 0; i < 40000; i++) a.push({ i, s: 'row ' + i + ' é✓' }); return a }",
        {},
        limits={"output": "8MiB", "max_frame": "8MiB"},
    )
    assert r.error is None, r.error
    assert len(r.result) == 40000
    assert r.result[39999] == {"i": 39999, "s": "row 39999 é✓"}
    assert len(json.dumps(r.result)) > 1 << 20


def test_undefined_and_code_fences(cc):
    assert cc.execute_sync("async () => {}", {}).result is None
    r = cc.execute_sync("```js\nasync () => 6 * 7\n```", {})
    assert r.result == 42, r.error
    # The guest strips the fence; lines stay those of the text as written.
    r = cc.execute_sync("```ts\nasync () => {\n  throw new Error('x')\n}\n```", {})
    assert r.error == "x" and "program.js:3" in r.report["error"]["stack"], r
    r = cc.execute_sync("", {})
    assert (r.result, r.error) == (None, None)


def test_env_and_async_api(binary):
    async def main():
        r1 = await Codecell(binary=binary, env={"REGION": "eu"}).execute("async () => process.env.REGION", {})
        # Module-level execute, several runs at once.
        rs = await asyncio.gather(
            *[execute(f"async () => (await codemode.id({n})) * 2", {"id": lambda x: x}, binary=binary) for n in (1, 2, 3)]
        )
        return r1, rs

    r1, rs = asyncio.run(main())
    assert r1.result == "eu", r1.error
    assert [r.result for r in rs] == [2, 4, 6]


def test_execute_sync_inside_a_running_loop(binary):
    async def main():
        return execute_sync("async () => 1 + 1", {}, binary=binary)

    assert asyncio.run(main()).result == 2


def test_approvals(cc, binary, write_policy):
    policy = write_policy(json.dumps({"version": 1, "tools": {"allow": ["codemode.read"], "ask": ["codemode.write"]}}))
    program = """async () => {
      const out = [await codemode.read()];
      for (let i = 0; i < 2; i++) {
        try { out.push(await codemode.write(i)); } catch (e) { out.push('denied'); }
      }
      return out;
    }"""
    tools = {"read": lambda: "r", "write": lambda i: f"w{i}"}
    asked = []

    async def allow_and_remember(req):
        asked.append(req)
        return {"allow": True, "remember": True}

    r = Codecell(binary=binary, policy=policy, on_approval=allow_and_remember).execute_sync(program, tools)
    assert r.result == ["r", "w0", "w1"], r.error
    assert len(asked) == 1, "remember: the second write is not asked again"
    assert asked[0].kind == "tool" and (asked[0].detail["ns"], asked[0].detail["name"]) == ("codemode", "write")

    # A synchronous handler (run in a thread: it may block on a person),
    # without remember: asked each time.
    sync_asked = []

    def ask_person(req):
        sync_asked.append(threading.get_ident())
        return len(sync_asked) == 1

    r = Codecell(binary=binary, policy=policy, on_approval=ask_person).execute_sync(program, tools)
    assert r.result == ["r", "w0", "denied"], r.error
    assert len(sync_asked) == 2 and threading.get_ident() not in sync_asked

    def boom(req):
        raise RuntimeError("x")

    for handler in (None, boom, lambda req: "yes"):
        t0 = time.monotonic()
        r = Codecell(binary=binary, policy=policy, on_approval=handler).execute_sync(program, tools)
        assert r.result == ["r", "denied", "denied"], r.error
        # Denied at once, not after the policy's one-minute approval timeout.
        assert time.monotonic() - t0 < 30


def test_cancel_with_an_asyncio_event(cc):
    async def main():
        cancel = asyncio.Event()

        async def hang():
            cancel.set()
            await asyncio.Event().wait()

        return await cc.execute("async () => { await codemode.hang(); return 'not reached' }", {"hang": hang}, cancel=cancel)

    r = asyncio.run(main())
    assert r.status == "cancelled", r
    # The supervisor's own result, with our reason.
    assert r.error == "cancelled: the host cancelled the run: the cancel event was set", r.error


def test_cancel_with_a_threading_event_from_another_thread(cc):
    cancel = threading.Event()
    called = threading.Event()
    release = threading.Event()

    def hang():
        called.set()
        release.wait(30)
        return "late"

    threading.Thread(target=lambda: called.wait(30) and cancel.set(), daemon=True).start()
    try:
        r = cc.execute_sync("async () => { await codemode.hang(); return 'not reached' }", {"hang": hang}, cancel=cancel)
    finally:
        release.set()
    assert r.status == "cancelled" and r.error.startswith("cancelled: "), r
    # Already set: nothing is started.
    r = cc.execute_sync("async () => 1", {}, cancel=cancel)
    assert (r.status, r.error) == ("cancelled", "cancelled: the cancel event was set before the run started")


def test_task_cancellation_and_wait_for_reap_the_child(cc):
    from conftest import live_children

    async def main():
        called = asyncio.Event()

        async def hang():
            called.set()
            await asyncio.Event().wait()

        task = asyncio.ensure_future(cc.execute("async () => { await codemode.hang() }", {"hang": hang}))
        await called.wait()
        assert len(live_children()) == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert live_children() == [], "execute returned before the child was reaped"

        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(cc.execute("async () => { for (;;) {} }", {}), 1.0)
        assert live_children() == []

    asyncio.run(main())


def test_result_type(cc):
    r = cc.execute_sync("async () => [1, 'a', null, true, {x: [1.5]}]", {})
    assert isinstance(r, ExecuteResult) and r.ok
    assert r.result == [1, "a", None, True, {"x": [1.5]}]


def test_log_callbacks_that_raise_or_are_async(cc):
    def broken(entry):
        raise RuntimeError("log sink down")

    r = cc.execute_sync("async () => { console.log('a'); console.log('b'); return 1 }", {}, on_log=broken)
    assert (r.result, r.error, r.logs) == (1, None, ["a", "b"])

    async def main():
        got = []

        async def sink(entry):
            await asyncio.sleep(0)
            got.append(entry.message)

        r = await cc.execute(
            "async () => { console.debug('x'); await codemode.tick(); console.log('y'); }", {"tick": lambda: 0}, on_log=sink
        )
        return r, list(got)

    r, got = asyncio.run(main())
    assert r.error is None and r.logs == ["x", "y"]
    assert got == ["x", "y"], "execute returned before its async on_log calls finished"
