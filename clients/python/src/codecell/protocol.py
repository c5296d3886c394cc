"""The NDJSON host protocol, version 1 (docs/PROTOCOL.md section 2): one
decoder for what the supervisor sends and one encoder for what we send.

Runs in: the host's Python process. Input: lines from the supervisor's stdout
(trusted but validated: a bad line is a protocol error, never an exception
escaping into the host). Everything past ``decode`` sees typed messages only.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

#: The host protocol version this client speaks; ``codecell version`` prints
#: the binary's (``codecell X (host protocol vN)``) and they must be equal.
PROTOCOL_VERSION = 1

#: How much of an offending line an error message quotes: enough to see what
#: it was, short enough for a log line or a model's context.
QUOTE_CHARS = 200


class ProtocolError(Exception):
    """The supervisor sent something this client cannot accept."""


@dataclass(frozen=True)
class ToolCall:
    id: str
    ns: str
    name: str
    args: List[Any]


@dataclass(frozen=True)
class Log:
    level: str
    message: str
    time_ms: float


@dataclass(frozen=True)
class ApprovalRequest:
    """A policy "ask" rule matched (docs/POLICY.md, Approvals). ``kind`` is
    ``tool``, ``fs`` or ``network``; ``detail`` says what is asked."""

    id: str
    kind: str
    detail: Dict[str, Any]


@dataclass(frozen=True)
class Result:
    """The last line of a run. ``report`` is the whole message as sent
    (status, value, error, stats, enforced, ...)."""

    status: str
    value: Any
    error: Optional[Dict[str, Any]]
    report: Dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Other:
    """A message type this client does not act on (``audit``, or one a newer
    supervisor adds): not ours to fail on."""

    type: str
    message: Dict[str, Any] = field(repr=False)


Message = Union[ToolCall, Log, ApprovalRequest, Result, Other]


def _quote(line: bytes) -> str:
    return line[:QUOTE_CHARS].decode("utf-8", "replace")


def _reject_constant(name: str) -> Any:
    # json.loads accepts NaN and Infinity, which are not JSON and which the
    # supervisor never sends.
    raise ValueError(f"{name} is not JSON")


def decode(line: bytes) -> Message:
    """Decodes one supervisor line (without its newline). Raises
    ProtocolError naming what is wrong."""
    try:
        msg = json.loads(line, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        # UnicodeDecodeError is a ValueError; RecursionError is Python's
        # parser running out of stack on deeply nested arrays.
        raise ProtocolError(f"codecell sent a line that is not JSON: {_quote(line)}") from None
    if not isinstance(msg, dict) or msg.get("v") != PROTOCOL_VERSION or not isinstance(msg.get("type"), str):
        raise ProtocolError(
            f'codecell sent an unexpected message (want an object with "v":{PROTOCOL_VERSION} '
            f'and a "type"): {_quote(line)}'
        )
    kind = msg["type"]
    if kind == "tool_call":
        id_, ns, name = msg.get("id"), msg.get("ns"), msg.get("name")
        if not (isinstance(id_, str) and isinstance(ns, str) and isinstance(name, str)):
            raise ProtocolError("codecell sent a tool_call without string id, ns and name")
        args = msg.get("args")
        return ToolCall(id_, ns, name, from_wire(args, "a tool call's arguments") if isinstance(args, list) else [])
    if kind == "log":
        level = msg.get("level")
        message = msg.get("message")
        t = msg.get("time_ms")
        return Log(
            level if isinstance(level, str) else "log",
            message if isinstance(message, str) else str(message),
            t if isinstance(t, (int, float)) and not isinstance(t, bool) else 0,
        )
    if kind == "approval_request":
        id_ = msg.get("id")
        if not isinstance(id_, str):
            raise ProtocolError("codecell sent an approval_request without a string id")
        detail = msg.get("detail")
        kind_ = msg.get("kind")
        return ApprovalRequest(id_, kind_ if isinstance(kind_, str) else "", detail if isinstance(detail, dict) else {})
    if kind == "result":
        status = msg.get("status")
        if not isinstance(status, str):
            raise ProtocolError("codecell sent a result without a string status")
        error = msg.get("error")
        return Result(status, from_wire(msg.get("value"), "the program's result"), error if isinstance(error, dict) else None, msg)
    return Other(kind, msg)


def _utf8(text: str) -> bytes:
    """JSON text as UTF-8. Characters outside the BMP go raw, as node's
    JSON.stringify writes them: the guest turns them into the two UTF-16 code
    units a program expects (guest/loop.c)."""
    return text.encode("utf-8")


def _line(msg: Dict[str, Any]) -> bytes:
    return _utf8(json.dumps(msg, ensure_ascii=False, separators=(",", ":"))) + b"\n"


def encode_start(
    code: str,
    filename: str,
    namespaces: Dict[str, List[str]],
    env: Optional[Dict[str, str]],
    extra: Optional[Dict[str, Any]] = None,
) -> bytes:
    """``extra``: the fields of a ``codecell serve`` start (limits,
    policy_name, workspace; docs/SERVE.md)."""
    msg: Dict[str, Any] = {
        "v": PROTOCOL_VERSION,
        "type": "start",
        "code": code,
        "filename": filename,
        "namespaces": namespaces,
    }
    if env is not None:
        msg["env"] = env
    if extra:
        msg.update(extra)
    return _encode_text(msg)


def encode_cancel(reason: str) -> bytes:
    return _encode_text({"v": PROTOCOL_VERSION, "type": "cancel", "reason": reason})


def encode_approval(id_: str, allow: bool, remember: bool) -> bytes:
    return _line({"v": PROTOCOL_VERSION, "type": "approval", "id": id_, "allow": allow, "remember": remember})


def encode_tool_error(id_: str, name: str, message: str) -> bytes:
    return _encode_text(
        {"v": PROTOCOL_VERSION, "type": "tool_result", "id": id_, "ok": False, "error": {"name": name, "message": message}}
    )


# ---- binary values (docs/PROTOCOL.md, Binary values) ----
#
# bytes travel as {"$bytes": "<base64>"}; a key spelled $bytes, $$bytes, ...
# gets one more "$" on the wire, so no user dict can pass for the tag.

_RESERVED = re.compile(r"\$+bytes\Z")


def to_wire(v: Any) -> Any:
    """v with bytes, bytearray and memoryview as tags and reserved keys
    escaped; v itself (no copy) when nothing needs it."""
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(v)).decode("ascii")}
    if isinstance(v, dict):
        out = None
        for k, x in v.items():
            w = to_wire(x)
            ek = "$" + k if isinstance(k, str) and _RESERVED.match(k) else k
            if out is None and (w is not x or ek is not k):
                out = {}
                for k0, x0 in v.items():
                    if k0 is k:
                        break
                    out[k0] = x0
            if out is not None:
                out[ek] = w
        return v if out is None else out
    if isinstance(v, (list, tuple)):
        items = [to_wire(x) for x in v]
        return v if all(a is b for a, b in zip(items, v)) else items
    return v


def from_wire(v: Any, what: str = "a value") -> Any:
    """A parsed value with every tag as bytes and escaped keys restored.
    Raises ProtocolError for a malformed tag (codecell's guest never writes
    one) or nesting deeper than Python's stack."""
    try:
        return _from_wire(v)
    except RecursionError:
        raise ProtocolError(f"{what} is nested too deeply to decode") from None
    except ValueError as e:
        raise ProtocolError(f"{what}: {e}") from None


def _from_wire(v: Any) -> Any:
    # Never mutates v: the result message keeps its wire form (report).
    if isinstance(v, list):
        items = [_from_wire(x) for x in v]
        return v if all(a is b for a, b in zip(items, v)) else items
    if not isinstance(v, dict):
        return v
    if "$bytes" in v:
        s = v["$bytes"]
        if len(v) != 1 or not isinstance(s, str):
            raise ValueError("malformed $bytes tag: it must be the only key and hold base64")
        try:
            return base64.b64decode(s, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("malformed $bytes tag: not standard base64") from None
    out = {(k[1:] if _RESERVED.match(k) else k): _from_wire(x) for k, x in v.items()}
    same = all(k0 == k1 and out[k1] is x for (k0, x), k1 in zip(v.items(), out))
    return v if same else out


class NotJSON(Exception):
    """A tool's value has no JSON form (the message says why)."""


def _json_default(v: Any) -> Any:
    # What JSON.stringify does with a Date in node: its ISO string.
    import datetime

    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")


def _finite(v: Any) -> Any:
    """A copy with NaN and infinities as None, as JSON.stringify writes them
    (null); only used when the fast path found one."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite(x) for x in v]
    return v


def _encode_text(msg: Dict[str, Any]) -> bytes:
    """One line, UTF-8. A str holding a lone surrogate (possible: it may
    have come from the program) cannot be UTF-8; then every non-ASCII
    character is written as an escape instead, which is what JSON.stringify
    does for lone surrogates."""
    try:
        return _line(msg)
    except UnicodeEncodeError:
        return json.dumps(msg, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def encode_tool_value(id_: str, value: Any) -> bytes:
    """The ``tool_result`` line for a tool's return value. Raises NotJSON
    when the value has no JSON form (a set, a cycle, an object)."""
    msg: Dict[str, Any] = {"v": PROTOCOL_VERSION, "type": "tool_result", "id": id_, "ok": True}
    if value is not None:
        try:
            value = to_wire(value)
        except RecursionError as e:
            raise NotJSON(str(e) or type(e).__name__) from None
        msg["value"] = value

    def dump(m: Dict[str, Any], ascii_only: bool) -> str:
        return json.dumps(m, ensure_ascii=ascii_only, separators=(",", ":"), allow_nan=False, default=_json_default)

    try:
        try:
            text = dump(msg, False)
        except ValueError as e:
            if "Out of range float" not in str(e):
                raise
            msg["value"] = _finite(value)
            text = dump(msg, False)
        try:
            return _utf8(text) + b"\n"
        except UnicodeEncodeError:
            return dump(msg, True).encode("ascii") + b"\n"
    except (TypeError, ValueError, RecursionError) as e:
        # ValueError: a circular reference; RecursionError: nesting deeper
        # than Python's stack.
        raise NotJSON(str(e) or type(e).__name__) from None
