"""How a run's NDJSON lines reach a supervisor and come back.

Runs in: the host's Python process. Input: bytes from the supervisor's
stdout and stderr (trusted program, bounded here: a line over the limit and
stderr past its cap never grow the host's memory).

Today there is one transport, a child process per run (``codecell run
--host``). A connection to a long-running ``codecell serve`` would be a
second ``Transport`` with the same six operations; the conversation
(session.py) does not know which one it talks through.
"""

from __future__ import annotations

import abc
import asyncio
import signal
from dataclasses import dataclass
from typing import List, Optional

from .binary import not_found_message

#: A supervisor line longer than this is not something it sends: results and
#: tool calls are frames (at most 64 MiB, the largest ``limits.max_frame``),
#: re-encoded as one line with room for escaping. Stop rather than buffer.
MAX_LINE = 96 * 1024 * 1024

#: stderr kept for error messages: the supervisor prints short diagnostics;
#: a runaway stream must not grow the host's memory. The rest is read and
#: dropped so the child never blocks on a full pipe.
MAX_STDERR = 16 * 1024

#: How long to keep reading stderr after the child is gone: a grandchild
#: holding the pipe open must not hold up the run's result.
STDERR_DRAIN = 1.0


class TransportError(Exception):
    """The peer could not be reached (the binary is missing, say)."""


class LineTooLong(Exception):
    pass


@dataclass(frozen=True)
class PeerEnd:
    """How the peer went away. ``usage_error``: it refused the run before
    starting it (codecell's exit code 2)."""

    description: str
    usage_error: bool
    stderr: str


class Transport(abc.ABC):
    @abc.abstractmethod
    async def open(self) -> None:
        """Connects (spawns). Raises TransportError."""

    @abc.abstractmethod
    async def send(self, line: bytes) -> None:
        """Writes one line; does nothing once the peer is gone."""

    @abc.abstractmethod
    async def receive(self) -> Optional[bytes]:
        """The next line without its newline, or None at end of stream.
        Raises LineTooLong."""

    @abc.abstractmethod
    def close_input(self) -> None:
        """Tells the peer we have nothing more to say."""

    @abc.abstractmethod
    def abort(self) -> None:
        """Ends the peer now (SIGKILL for a child); ``receive`` then
        returns None."""

    @abc.abstractmethod
    async def wait_closed(self) -> PeerEnd:
        """Waits until the peer is gone (a child: exited and reaped)."""


class SubprocessTransport(Transport):
    """``codecell run --host`` as a child process, one per run."""

    def __init__(self, binary: str, args: List[str], max_line: Optional[int] = None):
        self.binary = binary
        self.args = args
        self.max_line = MAX_LINE if max_line is None else max_line
        self._proc: Optional[asyncio.subprocess.Process] = None
        self._stderr = bytearray()
        self._stderr_task: Optional[asyncio.Task] = None
        self._write_lock = asyncio.Lock()
        self._input_closed = False

    async def open(self) -> None:
        try:
            self._proc = await asyncio.create_subprocess_exec(
                self.binary,
                *self.args,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                limit=self.max_line,
            )
        except FileNotFoundError:
            raise TransportError(not_found_message(self.binary)) from None
        except OSError as e:
            raise TransportError(f"cannot start codecell ({self.binary}): {e}") from None
        self._stderr_task = asyncio.ensure_future(self._read_stderr())

    async def _read_stderr(self) -> None:
        assert self._proc is not None and self._proc.stderr is not None
        while True:
            chunk = await self._proc.stderr.read(65536)
            if not chunk:
                return
            room = MAX_STDERR - len(self._stderr)
            if room > 0:
                self._stderr += chunk[:room]

    async def send(self, line: bytes) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None or self._input_closed or proc.returncode is not None:
            return
        # One writer at a time: drain() from several tasks at once is not
        # safe on every Python version this client supports.
        async with self._write_lock:
            if self._input_closed:
                return
            try:
                proc.stdin.write(line)
                await proc.stdin.drain()
            except (BrokenPipeError, ConnectionResetError, RuntimeError):
                # The child died (RuntimeError: the pipe transport is already
                # closed); the exit path reports why.
                pass

    async def receive(self) -> Optional[bytes]:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            return (await self._proc.stdout.readuntil(b"\n"))[:-1]
        except asyncio.IncompleteReadError:
            # End of stream; a partial last line is not a message.
            return None
        except asyncio.LimitOverrunError:
            raise LineTooLong() from None
        except (ConnectionResetError, BrokenPipeError):
            return None

    def close_input(self) -> None:
        if self._proc is not None and self._proc.stdin is not None and not self._input_closed:
            self._input_closed = True
            try:
                self._proc.stdin.close()
            except (OSError, RuntimeError):
                pass

    def abort(self) -> None:
        proc = self._proc
        if proc is None:
            return
        self._input_closed = True
        if proc.returncode is None:
            try:
                proc.kill()
            except ProcessLookupError:
                pass
        # Closing our ends makes receive() see end of stream at once, even
        # if something else still holds the child's stdout open.
        transport = getattr(proc, "_transport", None)
        if transport is not None:
            for fd in (1, 2):
                pipe = transport.get_pipe_transport(fd)
                if pipe is not None:
                    pipe.close()

    async def wait_closed(self) -> PeerEnd:
        proc = self._proc
        assert proc is not None
        code = await proc.wait()
        if self._stderr_task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._stderr_task), STDERR_DRAIN)
            except (asyncio.TimeoutError, OSError):
                self._stderr_task.cancel()
        if code < 0:
            try:
                how = f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with code {code}"
        return PeerEnd(how, code == 2, self._stderr.decode("utf-8", "replace").strip())
