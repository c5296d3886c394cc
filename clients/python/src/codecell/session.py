"""One run's conversation with the supervisor: start, then tool calls, logs
and approval requests in any order, then one result.

Runs in: the host's Python process. Input: decoded supervisor messages
(protocol.py), the host's tool functions and callbacks (may raise or hang).
Settles exactly once, and only after the peer is gone (a child exited and
reaped), so no run leaves a process behind.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional, Set, Tuple, Union

from . import protocol
from .options import Options
from .protocol import ApprovalRequest, Log, Result, ToolCall
from .result import ExecuteResult, format_log, format_run_error
from .tools import ToolTable, call_tool, tool_error
from .transport import LineTooLong, PeerEnd, Transport, TransportError

log = logging.getLogger("codecell")

#: Threads for synchronous tools and callbacks: as many as the guest's
#: default in-flight window (64), so a program's Promise.all is never
#: serialised by the pool; threads start only when used.
MAX_TOOL_THREADS = 64

#: How long after the supervisor's own deadline (``timeout``) the client
#: gives up on it: covers sandbox teardown and a slow machine.
WATCHDOG_SLACK = 5.0

#: How often a ``threading.Event`` passed as ``cancel`` is looked at: it
#: cannot be awaited, and a thread blocked on it could not be stopped.
EVENT_POLL = 0.05

CancelEvent = Union[asyncio.Event, threading.Event]

#: The ``reason`` of our ``cancel`` messages, by cause.
EVENT_SET = "the cancel event was set"
TASK_CANCELLED = "the calling task was cancelled"


class Session:
    def __init__(
        self,
        transport: Transport,
        start_line: bytes,
        table: ToolTable,
        options: Options,
        cancel: Optional[CancelEvent] = None,
    ):
        self.t = transport
        self.start_line = start_line
        self.table = table
        self.o = options
        self.cancel_event = cancel
        self.max_frame = options.max_frame
        self.logs: list = []
        self.final: Optional[Result] = None
        self.failure: Optional[Tuple[str, str]] = None  # (status, error) of our own
        self.cancelling: Optional[Tuple[str, str]] = None
        self.tasks: Set[asyncio.Task] = set()
        self.log_tasks: Set[asyncio.Task] = set()
        self.timers: Set[asyncio.Task] = set()
        self.pool = ThreadPoolExecutor(MAX_TOOL_THREADS, thread_name_prefix="codecell-tool")

    # -- lifecycle ---------------------------------------------------------

    async def run(self) -> ExecuteResult:
        try:
            await self.t.open()
        except TransportError as e:
            self.pool.shutdown(wait=False)
            return ExecuteResult(error=f"cannot start codecell: {e}", status="sandbox_error", logs=self.logs)
        try:
            if self.cancel_event is not None:
                self._timer(self._watch_event())
            if self.o.timeout is not None:
                self._timer(self._watchdog(self.o.timeout + WATCHDOG_SLACK))
            await self.t.send(self.start_line)
            await self._read_until_end()
            end = await self.t.wait_closed()
            if self.log_tasks:
                # Async on_log callbacks see every line before execute returns.
                await asyncio.wait(set(self.log_tasks), timeout=self.o.kill_grace)
        except asyncio.CancelledError:
            # The caller cancelled (task.cancel(), asyncio.wait_for, a
            # timeout scope). Ask the supervisor to stop; the kill timer
            # bounds the wait; reap the child; then let the cancellation go on.
            self._cancel_for(TASK_CANCELLED)
            try:
                await self._read_until_end()
                await self.t.wait_closed()
            finally:
                self._cleanup()
            raise
        finally:
            self._cleanup()
        return self._outcome(end)

    def _cleanup(self) -> None:
        for t in list(self.timers) + list(self.tasks) + list(self.log_tasks):
            t.cancel()
        # A no-op after a normal end; when the caller cancelled twice, the
        # child is killed rather than left running (asyncio reaps it).
        self.t.abort()
        # A synchronous tool still running is left to finish in its thread;
        # its answer is dropped.
        self.pool.shutdown(wait=False)

    def _timer(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.timers.add(task)
        task.add_done_callback(self.timers.discard)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @property
    def _ended(self) -> bool:
        return self.final is not None or self.failure is not None

    def _fail(self, status: str, error: str) -> None:
        if not self._ended:
            self.failure = (status, error)

    def _stop(self, status: str, error: str) -> None:
        """Ends the conversation on our side: no more answers, child killed."""
        self._fail(status, error)
        self.t.abort()

    def _cancel(self, why: Tuple[str, str], reason: str) -> None:
        """Asks the supervisor to stop, then kills it after the grace
        period. The supervisor's own ``cancelled`` result wins if it arrives
        in time."""
        if self._ended or self.cancelling is not None:
            return
        self.cancelling = why
        self._spawn(self.t.send(protocol.encode_cancel(reason)))
        self._timer(self._kill_after(self.o.kill_grace, why))

    def _cancel_for(self, reason: str) -> None:
        # The supervisor's message reads "the host cancelled the run: <reason>";
        # ours, if it has to be killed, "cancelled: <reason>; ...".
        self._cancel(
            ("cancelled", f"cancelled: {reason}; codecell did not stop within {self.o.kill_grace:g} s and was killed"),
            reason,
        )

    async def _kill_after(self, seconds: float, why: Optional[Tuple[str, str]]) -> None:
        await asyncio.sleep(seconds)
        if why is not None:
            self._fail(*why)
        self.t.abort()

    async def _watchdog(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self._cancel(("timeout", f"timeout: codecell did not finish within {seconds:g} s; it was stopped"), "host watchdog")

    async def _watch_event(self) -> None:
        ev = self.cancel_event
        if isinstance(ev, asyncio.Event):
            await ev.wait()
        else:
            while not ev.is_set():  # type: ignore[union-attr]
                await asyncio.sleep(EVENT_POLL)
        self._cancel_for(EVENT_SET)

    # -- reading -----------------------------------------------------------

    async def _read_until_end(self) -> None:
        """Reads until the supervisor's output ends: after its result it
        exits; after a protocol error or a kill the stream is closed."""
        while True:
            try:
                line = await self.t.receive()
            except LineTooLong:
                # The rest of that line cannot be skipped safely: stop reading.
                self._stop("protocol_error", f"protocol_error: codecell sent a line longer than {self.t_max_line} bytes")
                return
            if line is None:
                return
            if self._ended or not line.strip():
                continue
            try:
                msg = protocol.decode(line)
            except protocol.ProtocolError as e:
                self._stop("protocol_error", f"protocol_error: {e}")
                continue
            if isinstance(msg, ToolCall):
                self._spawn(self._serve_tool(msg))
            elif isinstance(msg, Log):
                self._on_log(msg)
            elif isinstance(msg, ApprovalRequest):
                self._spawn(self._serve_approval(msg))
            elif isinstance(msg, Result):
                self.final = msg
                # The result is always the last line: closing our side lets
                # the supervisor exit; one that lingers is killed.
                self.t.close_input()
                self._timer(self._kill_after(self.o.kill_grace, None))

    @property
    def t_max_line(self) -> int:
        return getattr(self.t, "max_line", 0)

    def _on_log(self, msg: Log) -> None:
        self.logs.append(format_log(msg.level, msg.message))
        cb = self.o.on_log
        if cb is None:
            return
        try:
            r = cb(msg)
            if inspect.isawaitable(r):
                task = asyncio.ensure_future(self._quietly(r))
                self.log_tasks.add(task)
                task.add_done_callback(self.log_tasks.discard)
        except Exception:
            # A broken log callback must not break the run.
            log.debug("codecell: on_log raised", exc_info=True)

    @staticmethod
    async def _quietly(aw: Any) -> None:
        try:
            await aw
        except Exception:
            log.debug("codecell: on_log raised", exc_info=True)

    # -- answering ---------------------------------------------------------

    async def _serve_tool(self, call: ToolCall) -> None:
        fn = self.table.lookup(call.ns, call.name)
        if fn is None:
            # The supervisor only forwards offered names; an answer anyway,
            # so a program never waits on a call nobody serves.
            await self._answer(protocol.encode_tool_error(call.id, "Error", f'Tool "{call.ns}.{call.name}" not found'))
            return
        try:
            value = await call_tool(fn, call.args, self.pool)
        except Exception as e:
            name, message = tool_error(e)
            line = protocol.encode_tool_error(call.id, name, message)
        else:
            try:
                line = protocol.encode_tool_value(call.id, value)
            except protocol.NotJSON as e:
                line = protocol.encode_tool_error(call.id, "TypeError", f"the tool result is not JSON-serialisable: {e}")
            else:
                size = len(line) - 1
                if size > self.max_frame:
                    line = protocol.encode_tool_error(
                        call.id,
                        "RangeError",
                        f"the tool result is {size} bytes, more than the {self.max_frame}-byte frame limit; "
                        "ask for less data",
                    )
        await self._answer(line)

    async def _serve_approval(self, req: ApprovalRequest) -> None:
        """A policy rule said "ask". Without on_approval, or if it raises,
        the answer is an immediate deny: the program is not left waiting
        for the policy's approval timeout."""
        allow = remember = False
        handler = self.o.on_approval
        if handler is not None:
            try:
                if inspect.iscoroutinefunction(handler):
                    v = await handler(req)
                else:
                    # May block (a prompt to a person): not on the loop.
                    ctx = contextvars.copy_context()
                    v = await asyncio.get_running_loop().run_in_executor(
                        self.pool, functools.partial(ctx.run, handler, req)
                    )
                while inspect.isawaitable(v):
                    v = await v
                if v is True:
                    allow = True
                elif isinstance(v, dict):
                    allow = v.get("allow") is True
                    remember = v.get("remember") is True
            except Exception:
                log.debug("codecell: on_approval raised; denying", exc_info=True)
                allow = remember = False
        await self._answer(protocol.encode_approval(req.id, allow, remember))

    async def _answer(self, line: bytes) -> None:
        # Once the host has cancelled, the program gets no more answers: a
        # tool finishing in the meantime must not let the run go on.
        if not self._ended and self.cancelling is None:
            await self.t.send(line)

    # -- the outcome -------------------------------------------------------

    def _outcome(self, end: PeerEnd) -> ExecuteResult:
        final = self.final
        if final is not None:
            if final.status == "ok":
                return ExecuteResult(result=final.value, logs=self.logs, status="ok", report=final.report)
            return ExecuteResult(
                error=format_run_error(final.status, final.error), logs=self.logs, status=final.status, report=final.report
            )
        if self.failure is not None:
            status, error = self.failure
            if end.stderr and self.cancelling is None:
                error += f" (codecell stderr: {end.stderr[:2000]})"
            return ExecuteResult(error=error, logs=self.logs, status=status)
        if end.usage_error:
            return ExecuteResult(
                error=f"codecell refused the run (usage or configuration error): {end.stderr or 'no message'}",
                logs=self.logs,
                status="usage_error",
            )
        why = f": {end.stderr}" if end.stderr else ""
        return ExecuteResult(
            error=f"sandbox_error: codecell {end.description} without a result{why}", logs=self.logs, status="sandbox_error"
        )
