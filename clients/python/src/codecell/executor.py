"""The public API: ``Codecell`` (configuration checked once, then any number
of runs) and the module-level ``execute``/``execute_sync``.

Runs in: the host's Python process. Input: model-written code (passed
through untouched to the sandbox, where it is parsed), the host's options
and tools.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Mapping, Optional, Sequence

from . import binary as _binary
from . import options as _options
from .protocol import encode_start
from .result import ExecuteResult
from .session import CancelEvent, Session
from .tools import Tools, resolve_tools
from .transport import ServeConnection, ServeTransport, SubprocessTransport

def _given(**kw: Any) -> dict:
    return {k: v for k, v in kw.items() if v is not None}


class Codecell:
    """Runs programs in the codecell sandbox with Python functions as their
    tools. The constructor checks everything it can (option names and
    values, the binary and its protocol version, the policy) and raises
    TypeError, ValueError or ConfigurationError, so a configuration mistake
    reaches the operator once instead of every run's result.

    Durations are seconds; sizes are bytes or strings such as "64MiB".
    """

    def __init__(
        self,
        *,
        binary: Optional[str] = None,
        policy: Optional[str] = None,
        timeout: Optional[float] = None,
        limits: Optional[Mapping[str, Any]] = None,
        workspace: Optional[str] = None,
        env: Optional[Mapping[str, str]] = None,
        filename: Optional[str] = None,
        cgroup: Optional[str] = None,
        cgroup_parent: Optional[str] = None,
        extra_args: Optional[Sequence[str]] = None,
        on_log: Optional[Callable[..., Any]] = None,
        on_approval: Optional[Callable[..., Any]] = None,
        kill_grace: Optional[float] = None,
        socket: Optional[str] = None,
        policy_name: Optional[str] = None,
        **unknown: Any,
    ):
        if unknown:
            name = next(iter(unknown))
            raise _options.unknown_name_error("option", name, _options.OPTION_NAMES, _options._OPTION_ALIASES)
        self._options = _options.check(
            _given(
                binary=binary,
                policy=policy,
                timeout=timeout,
                limits=limits,
                workspace=workspace,
                env=env,
                filename=filename,
                cgroup=cgroup,
                cgroup_parent=cgroup_parent,
                extra_args=extra_args,
                on_log=on_log,
                on_approval=on_approval,
                kill_grace=kill_grace,
                socket=socket,
                policy_name=policy_name,
            )
        )
        #: socket mode: one connection per event loop, shared by its runs.
        self._conns: dict = {}
        if self._options.socket is not None:
            self._options.serve_limits()  # every value turns into a limit
            self.binary = None
            return
        self._options.run_args()  # every value turns into an argument
        #: The binary each run spawns: ``binary``, else $CODECELL_BIN, else
        #: ``codecell`` on PATH; fixed here, where it is checked.
        self.binary = _binary.resolve(self._options.binary)
        _binary.check_binary(self.binary)
        if self._options.policy is not None:
            _binary.check_policy(self.binary, self._options.policy)

    async def execute(
        self,
        code: str,
        tools: Tools = None,
        *,
        cancel: Optional[CancelEvent] = None,
        timeout: Optional[float] = None,
        limits: Optional[Mapping[str, Any]] = None,
        workspace: Optional[str] = None,
        env: Optional[Mapping[str, str]] = None,
        on_log: Optional[Callable[..., Any]] = None,
        on_approval: Optional[Callable[..., Any]] = None,
        **unknown: Any,
    ) -> ExecuteResult:
        """Runs ``code`` with ``tools`` callable from it. Never raises for
        what the program or the sandbox does: every failure comes back in
        ``error``. Raises TypeError/ValueError for a bad argument (before
        anything runs) and asyncio.CancelledError when the calling task is
        cancelled (the run is cancelled and its process reaped first).

        ``cancel``: an asyncio.Event or threading.Event; setting it cancels
        the run, which then returns with status ``cancelled``. Per-call
        options override the executor's (``limits`` key by key)."""
        if unknown:
            name = next(iter(unknown))
            raise _options.unknown_name_error(
                "execute option",
                name,
                ("cancel", "timeout", "limits", "workspace", "env", "on_log", "on_approval"),
                _options._OPTION_ALIASES,
            )
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, not {type(code).__name__}")
        if cancel is not None and not callable(getattr(cancel, "is_set", None)):
            raise TypeError("cancel must be an asyncio.Event or a threading.Event")
        o = _options.check(
            _given(
                timeout=timeout,
                limits=limits,
                workspace=workspace,
                env=env,
                on_log=on_log,
                on_approval=on_approval,
            ),
            base=self._options,
        )
        table = resolve_tools(tools)
        args = o.run_args() if o.socket is None else []
        if cancel is not None and cancel.is_set():
            return ExecuteResult(error="cancelled: the cancel event was set before the run started", status="cancelled")
        # The code goes to the sandbox untouched: the guest parses it there
        # (never the host), strips a Markdown fence itself and keeps line
        # numbers those of the text the model wrote.
        if o.socket is None:
            start = encode_start(code, o.filename, table.namespaces, o.env)
            return await Session(SubprocessTransport(self.binary, args), start, table, o, cancel).run()
        extra = {"limits": o.serve_limits(), "policy_name": o.policy_name, "workspace": o.workspace}
        start = encode_start(code, o.filename, table.namespaces, o.env, {k: v for k, v in extra.items() if v})
        loop = asyncio.get_running_loop()
        conn = self._conns.get(loop)
        if conn is None:
            # A loop that has ended (execute_sync runs one per call) takes
            # its connection with it.
            self._conns = {lp: c for lp, c in self._conns.items() if not lp.is_closed()}
            conn = self._conns[loop] = ServeConnection(o.socket)
        return await Session(ServeTransport(conn), start, table, o, cancel).run()

    async def aclose(self) -> None:
        """Closes this loop's shared connection to ``codecell serve`` (a
        no-op without ``socket``)."""
        conn = self._conns.pop(asyncio.get_running_loop(), None)
        if conn is not None:
            await conn.aclose()

    def execute_sync(self, code: str, tools: Tools = None, **kwargs: Any) -> ExecuteResult:
        """``execute`` for synchronous code: runs its own event loop (in a
        helper thread when this thread already runs one, as in a notebook or
        inside an async framework's sync callback). ``cancel`` should be a
        threading.Event here."""
        return _run_sync(lambda: self.execute(code, tools, **kwargs))


def _run_sync(make: Callable[[], Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(1, thread_name_prefix="codecell-sync") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def execute(
    code: str,
    tools: Tools = None,
    *,
    cancel: Optional[CancelEvent] = None,
    **options: Any,
) -> ExecuteResult:
    """One run with one-off options: ``Codecell(**options).execute(code,
    tools)``. The checks of the constructor (two short ``codecell`` runs)
    happen on every call; keep a ``Codecell`` for repeated use."""
    # The checks spawn processes and wait: not on the event loop's thread.
    executor = await asyncio.get_running_loop().run_in_executor(None, lambda: Codecell(**options))
    return await executor.execute(code, tools, cancel=cancel)


def execute_sync(
    code: str,
    tools: Tools = None,
    *,
    cancel: Optional[threading.Event] = None,
    **options: Any,
) -> ExecuteResult:
    """``execute`` for synchronous code."""
    executor = Codecell(**options)
    return executor.execute_sync(code, tools, cancel=cancel)
