"""How a run's NDJSON lines reach a supervisor and come back.

Runs in: the host's Python process. Input: bytes from the supervisor's
stdout and stderr (trusted program, bounded here: a line over the limit and
stderr past its cap never grow the host's memory).

Two transports: a child process per run (``codecell run --host``), and a
run on a connection to a long-running ``codecell serve`` (docs/SERVE.md)
shared by every run of an executor, each line tagged with the run's id.
The conversation (session.py) does not know which one it talks through.
"""

from __future__ import annotations

import abc
import asyncio
import re
import signal
from dataclasses import dataclass
from typing import Dict, List, Optional

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


#: Every line of a server starts with its run id (the server's one tag
#: encoder puts it first); lines without one concern no run of ours.
_RUN_PREFIX = re.compile(rb'^\{"run":"([A-Za-z0-9._:-]{1,64})"')


class ServeConnection:
    """One connection to ``codecell serve``, shared by the runs of one
    executor on one event loop: a reader task routes each line to its run's
    queue by run id; writes are serialised."""

    def __init__(self, path: str, max_line: int = MAX_LINE):
        self.path = path
        self.max_line = max_line
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self._reader: Optional[asyncio.StreamReader] = None
        self._writer: Optional[asyncio.StreamWriter] = None
        self._task: Optional[asyncio.Task] = None
        self._open_lock: Optional[asyncio.Lock] = None
        self._write_lock: Optional[asyncio.Lock] = None
        self.runs: Dict[str, "asyncio.Queue[Optional[bytes]]"] = {}
        self.lost: Optional[str] = None
        self._next = 0

    def new_id(self) -> str:
        self._next += 1
        return f"r{self._next}"

    async def open(self) -> None:
        if self._open_lock is None:
            self._open_lock = asyncio.Lock()
            self._write_lock = asyncio.Lock()
        async with self._open_lock:
            if self._writer is not None:
                return
            try:
                self._reader, self._writer = await asyncio.open_unix_connection(self.path, limit=self.max_line)
            except OSError as e:
                raise TransportError(
                    f"no codecell serve is listening on {self.path} ({e.strerror or e})"
                ) from None
            self.lost = None
            self._task = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self._reader is not None
        why = f"codecell serve at {self.path} closed the connection"
        try:
            while True:
                try:
                    line = await self._reader.readuntil(b"\n")
                except asyncio.IncompleteReadError:
                    break
                except asyncio.LimitOverrunError:
                    why = f"codecell serve sent a line longer than {self.max_line} bytes"
                    break
                m = _RUN_PREFIX.match(line)
                q = self.runs.get(m.group(1).decode()) if m else None
                if q is not None:
                    q.put_nowait(line[:-1])
        except (ConnectionError, OSError) as e:
            why = f"connection to codecell serve at {self.path}: {e}"
        self._drop(why)

    def _drop(self, why: str) -> None:
        """The connection is gone: every run on it sees the end of its
        stream, and the next run opens a new connection."""
        self.lost = why
        if self._writer is not None:
            self._writer.close()
        self._writer = None
        self._reader = None
        for q in self.runs.values():
            q.put_nowait(None)

    async def write(self, line: bytes) -> None:
        if self._writer is None or self._write_lock is None:
            return
        async with self._write_lock:
            w = self._writer
            if w is None:
                return
            try:
                w.write(line)
                await w.drain()
            except (ConnectionError, OSError, RuntimeError):
                pass  # the reader task reports the loss

    async def aclose(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._task is not None:
            try:
                await self._task
            except Exception:
                pass


class ServeTransport(Transport):
    """One run on a shared ServeConnection: the Transport operations in
    terms of lines tagged with this run's id."""

    def __init__(self, conn: ServeConnection):
        self.conn = conn
        self.max_line = conn.max_line
        self.id = conn.new_id()
        self._q: "asyncio.Queue[Optional[bytes]]" = asyncio.Queue()
        self._done = False
        self._ended = asyncio.Event()
        self._why = ""

    async def open(self) -> None:
        await self.conn.open()
        self.conn.runs[self.id] = self._q

    def _tag(self, line: bytes) -> bytes:
        return b'{"run":"' + self.id.encode() + b'",' + line[1:]

    async def send(self, line: bytes) -> None:
        if not self._done:
            await self.conn.write(self._tag(line))

    async def receive(self) -> Optional[bytes]:
        if self._done:
            return None
        line = await self._q.get()
        if line is None:
            self._why = self.conn.lost or ""
            self._finish()
        return line

    def close_input(self) -> None:
        # The result was the run's last line: nothing more comes for it.
        self._finish()

    def abort(self) -> None:
        if not self._done:
            # Stopped before its result: the server cancels the run.
            msg = b'{"run":"' + self.id.encode() + b'","v":1,"type":"cancel","reason":"stopped by the client"}\n'
            asyncio.ensure_future(self.conn.write(msg))
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.conn.runs.pop(self.id, None)
        self._q.put_nowait(None)
        self._ended.set()

    async def wait_closed(self) -> PeerEnd:
        await self._ended.wait()
        return PeerEnd("ended", False, self._why)
