"""What ``execute`` returns, and the error and log strings in it.

Runs in: the host's Python process. Input: decoded supervisor results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional


@dataclass
class ExecuteResult:
    """``result``: the program's JSON value (None for undefined and on
    failure). ``error``: None when the run finished ``ok``, else a string
    naming what happened, written for a model to act on. ``logs``: console
    output, formatted as @cloudflare/codemode formats it. ``status``: the
    supervisor's status (docs/PROTOCOL.md), or the client's own when no
    result came (``usage_error``, ``sandbox_error``, ``protocol_error``,
    ``cancelled``, ``timeout``). ``report``: the supervisor's whole result
    message (stats, enforced walls) when one came."""

    result: Any = None
    error: Optional[str] = None
    logs: List[str] = field(default_factory=list)
    status: str = "ok"
    report: Optional[Dict[str, Any]] = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> Dict[str, Any]:
        """``{result, error, logs}``, as the Node client returns it; what to
        hand back to a model as the tool's output."""
        return {"result": self.result, "error": self.error, "logs": list(self.logs)}


def format_run_error(status: str, error: Optional[Mapping[str, Any]]) -> str:
    """The ``error`` string for a non-ok supervisor result. A program that
    threw gives its message, prefixed by the error's name unless it is plain
    ``Error``; limits and the rest name the status first, e.g.
    ``timeout: the program timed out: ...``. Same as the Node client."""
    name = error.get("name") if error else None
    message = error.get("message") if error else None
    name = name if isinstance(name, str) else ""
    message = message if isinstance(message, str) else ""
    if status == "error":
        # Some engine messages already start with their name ("SyntaxError:
        # ..."): never say it twice.
        prefix = f"{name}: " if name and name != "Error" and not message.startswith(f"{name}: ") else ""
        return prefix + (message or "the program failed")
    return f"{status}: {message or 'the run did not finish'}"


def format_log(level: str, message: str) -> str:
    """One entry of ``logs``: console.log/info/debug plain, warn and error
    tagged, as codemode's own executor writes them."""
    if level == "warn":
        return f"[warn] {message}"
    if level == "error":
        return f"[error] {message}"
    return message
