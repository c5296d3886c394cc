"""Binary values across the tool bridge (issue 13, docs/PROTOCOL.md "Binary
values"): bytes, bytearray and memoryview from a Python tool reach the
program as a Uint8Array; a program's Uint8Array, Buffer or ArrayBuffer
reaches a tool, and the result, as bytes; dict keys that look like the tag
survive; big values within the frame limit pass and past it fail cleanly.

Runs in: pytest, spawning build/supervisor/codecell ($CODECELL_BIN).
"""

import pytest

from codecell import Codecell
from codecell.protocol import ProtocolError, from_wire, to_wire


@pytest.fixture(scope="module")
def cc():
    from conftest import codecell_bin

    return Codecell(binary=codecell_bin(), timeout=30)


def test_tool_bytes_reach_the_program_as_uint8array(cc):
    tools = {
        "raw": lambda: b"\x00\x01\xfe\xff",
        "mutable": lambda: bytearray(b"abc"),
        "view": lambda: memoryview(b"xyz")[1:],
        "nested": lambda: {"list": [b"\x01", {"deep": b""}], "$bytes": "user key", "$$bytes": 2},
    }
    r = cc.execute_sync(
        """async () => {
          const d = (v) => v instanceof Uint8Array ? ['u8', Array.from(v)] : v;
          const n = await codemode.nested();
          return [d(await codemode.raw()), d(await codemode.mutable()), d(await codemode.view()),
                  d(n.list[0]), d(n.list[1].deep), Object.keys(n), n.$bytes, n.$$bytes];
        }""",
        tools,
    )
    assert r.error is None, r.error
    assert r.result == [
        ["u8", [0, 1, 254, 255]],
        ["u8", [97, 98, 99]],
        ["u8", [121, 122]],
        ["u8", [1]],
        ["u8", []],
        ["list", "$bytes", "$$bytes"],
        "user key",
        2,
    ]


def test_program_bytes_reach_tools_and_the_result_as_bytes(cc):
    seen = []

    def take(*args):
        seen.append(args)
        return len(args)

    r = cc.execute_sync(
        """async () => {
          await codemode.take(new Uint8Array([1, 2]), Buffer.from('hi'), new Uint8Array([3, 4, 5]).subarray(1),
                              new Uint8Array([6]).buffer, {$bytes: 'x', k: new Uint8Array(0)});
          return {data: new Uint8Array([104, 105]), obj: {$bytes: 'x', $$bytes: 'y'}};
        }""",
        {"take": take},
    )
    assert r.error is None, r.error
    assert seen == [(b"\x01\x02", b"hi", b"\x04\x05", b"\x06", {"$bytes": "x", "k": b""})]
    assert r.result == {"data": b"hi", "obj": {"$bytes": "x", "$$bytes": "y"}}


def test_big_bytes_within_and_over_the_frame_limit(cc):
    r = cc.execute_sync(
        """async () => {
          const b = await codemode.big(600000);
          let over;
          try { await codemode.big(900000); } catch (e) { over = e.name + ': ' + e.message; }
          return {len: b.length, last: b[b.length - 1], over, back: new Uint8Array(600000).fill(3)};
        }""",
        {"big": lambda n: b"\x07" * n},
    )
    assert r.error is None, r.error
    assert r.result["len"] == 600000 and r.result["last"] == 7
    assert r.result["over"].startswith("RangeError") and "frame limit" in r.result["over"]
    assert r.result["back"] == b"\x03" * 600000
    over = cc.execute_sync("async () => new Uint8Array(900000)", {})
    assert over.status == "error" and "too large" in over.error


def test_wire_form_and_malformed_tags():
    assert to_wire({"a": b"\x01\x02", "$bytes": 1, "b": [bytearray(b"\x03")]}) == {
        "a": {"$bytes": "AQI="},
        "$$bytes": 1,
        "b": [{"$bytes": "Aw=="}],
    }
    plain = {"a": [1, {"b": "c"}]}
    assert to_wire(plain) is plain
    assert from_wire({"$$$bytes": {"$bytes": ""}}) == {"$$bytes": b""}
    with pytest.raises(ProtocolError, match="malformed"):
        from_wire({"$bytes": "!!"})
    with pytest.raises(ProtocolError, match="malformed"):
        from_wire({"$bytes": "AA==", "x": 1})


def test_the_report_keeps_the_wire_form(cc):
    r = cc.execute_sync("async () => ({data: new Uint8Array([1])})", {})
    assert r.result == {"data": b"\x01"}
    assert r.report["value"] == {"data": {"$bytes": "AQ=="}}
