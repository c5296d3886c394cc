"""The host's tools: the namespaces a program sees, and calling one.

Runs in: the host's Python process. Input: the host's tool functions
(trusted code that may raise anything or return anything) and the
arguments a program passes them (untrusted JSON values from the sandbox).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import re
from concurrent.futures import Executor
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

#: The namespace plain functions go in, as in @cloudflare/codemode and the
#: Node client.
DEFAULT_NAMESPACE = "codemode"

Tool = Callable[..., Any]
Tools = Union[Mapping[str, Any], Sequence[Tool], None]

_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

#: Globals a namespace must not replace: what programs and the guest's
#: runtime rely on (the same list as the Node client's).
RESERVED_NAMESPACES = frozenset(
    "__cc console Promise Error JSON Object Array Math globalThis setTimeout clearTimeout "
    "setInterval clearInterval queueMicrotask process fetch fs undefined NaN Infinity eval arguments".split()
)

#: JavaScript's reserved words (including the old future-reserved ones
#: codemode avoids), which cannot be a tool's property name in generated types.
JS_RESERVED = frozenset(
    "abstract arguments await boolean break byte case catch char class const continue debugger default "
    "delete do double else enum eval export extends false final finally float for function goto if "
    "implements import in instanceof int interface let long native new null package private protected "
    "public return short static super switch synchronized this throw throws transient true try typeof "
    "undefined var void volatile while with yield".split()
)


def sanitize_tool_name(name: str) -> str:
    """The identifier a program calls a tool by, as @cloudflare/codemode and
    the Node client make it: ``-``, ``.`` and whitespace become ``_``, other
    invalid characters are dropped, a leading digit gets ``_``, a reserved
    word gets a trailing ``_``."""
    s = re.sub(r"[-.\s]", "_", str(name))
    s = re.sub(r"[^a-zA-Z0-9_$]", "", s)
    if not s:
        return "_"
    if s[0].isdigit():
        s = "_" + s
    if s in JS_RESERVED:
        s += "_"
    return s


class ToolTable:
    """Namespace -> program-visible tool name -> function."""

    def __init__(self, table: Dict[str, Dict[str, Tool]]):
        self._table = table

    @property
    def namespaces(self) -> Dict[str, List[str]]:
        """The ``namespaces`` of the start message: exactly our tools, so
        the supervisor refuses any other name before it reaches us."""
        return {ns: list(fns) for ns, fns in self._table.items()}

    def lookup(self, ns: str, name: str) -> Optional[Tool]:
        return self._table.get(ns, {}).get(name)


def _tool_name(fn: Tool) -> str:
    name = getattr(fn, "__name__", None)
    if not isinstance(name, str) or name == "<lambda>":
        raise TypeError(f"tool {fn!r} has no name: give tools as a mapping of names to functions")
    return name


def resolve_tools(tools: Tools) -> ToolTable:
    """Accepts ``{name: fn}`` (namespace ``codemode``), ``{namespace: {name:
    fn}}``, a mix of both, or a list of functions named by ``__name__``.
    Raises TypeError or ValueError on a bad name or a non-callable."""
    namespaces: Dict[str, Mapping[str, Any]] = {}
    if tools is None:
        pass
    elif isinstance(tools, Mapping):
        plain = {k: v for k, v in tools.items() if callable(v)}
        for ns, v in tools.items():
            if callable(v):
                continue
            if not isinstance(v, Mapping):
                raise TypeError(f"tool {ns!r} must be a function, or a mapping of tool names to functions, not {v!r}")
            namespaces[ns] = v
        if plain:
            if DEFAULT_NAMESPACE in namespaces:
                raise ValueError(
                    f"tools mixes plain functions (namespace {DEFAULT_NAMESPACE!r}) with a {DEFAULT_NAMESPACE!r} namespace"
                )
            namespaces[DEFAULT_NAMESPACE] = plain
    elif isinstance(tools, (list, tuple)):
        namespaces[DEFAULT_NAMESPACE] = {_tool_name(fn): fn for fn in tools}
    else:
        raise TypeError(f"tools must be a mapping or a list of functions, not {type(tools).__name__}")

    table: Dict[str, Dict[str, Tool]] = {}
    for ns, fns in namespaces.items():
        if not isinstance(ns, str) or not _IDENT.match(ns) or ns in JS_RESERVED:
            raise ValueError(f"namespace {ns!r} is not a valid JavaScript identifier")
        if ns in RESERVED_NAMESPACES:
            raise ValueError(f"namespace {ns!r} is reserved")
        out: Dict[str, Tool] = {}
        original: Dict[str, str] = {}
        for name, fn in fns.items():
            if not callable(fn):
                raise TypeError(f"tool {name!r} in namespace {ns!r} is not callable")
            s = sanitize_tool_name(name)
            if s in original and original[s] != name:
                raise ValueError(f"tool names {original[s]!r} and {name!r} both become {s!r} in namespace {ns!r}")
            original[s] = name
            out[s] = fn
        table[ns] = out
    return ToolTable(table)


def tool_error(e: BaseException) -> Tuple[str, str]:
    """(name, message) for what a tool raised: the program gets an Error
    with this name (a JavaScript error class where the name is one, such as
    TypeError) and message."""
    name = type(e).__name__ or "Error"
    try:
        message = str(e)
    except Exception:  # a broken __str__ must not lose the error
        message = repr(type(e))
    return name, message


async def call_tool(fn: Tool, args: List[Any], pool: Executor) -> Any:
    """Calls a tool with the program's arguments, positionally. A coroutine
    function is awaited; a plain function runs in ``pool``, so a blocking
    one (an HTTP request, a database query) neither stalls the other calls
    nor the conversation with the supervisor; an awaitable it returns is
    awaited too."""
    if inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(getattr(fn, "__call__", None)):
        value = await fn(*args)
    else:
        loop = asyncio.get_running_loop()
        ctx = contextvars.copy_context()
        value = await loop.run_in_executor(pool, functools.partial(ctx.run, fn, *args))
    while inspect.isawaitable(value):
        value = await value
    return value

