"""Options of the Python client: checked once, turned into ``codecell run``
arguments in one place.

Runs in: the host's Python process. Input: the host's own configuration
(trusted, but a typo must be reported to the operator, not ignored).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

#: Time between ``cancel`` and SIGKILL: the supervisor tears the sandbox down
#: in milliseconds, 2 s is ample even on a loaded machine.
DEFAULT_KILL_GRACE = 2.0

#: The supervisor's default frame limit (docs/PROTOCOL.md section 1): a tool
#: result larger than this cannot reach the program, so the client answers
#: with an error the program can catch instead of sending it.
DEFAULT_MAX_FRAME = 1 << 20

#: Size strings accepted here: the units both of codecell's grammars read the
#: same way (the command line also takes K/M/G, the policy file also TiB).
#: The supervisor remains the judge of ranges.
_SIZE = re.compile(r"^([1-9][0-9]*)(B|KiB|MiB|GiB)?$")
_SIZE_UNITS = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}

#: Keys of ``limits``, named as in the policy file's ``limits`` object
#: (docs/POLICY.md), and the command-line option each becomes.
LIMIT_FLAGS = {
    "cpu": "--cpu",
    "memory": "--memory",
    "heap": "--heap",
    "output": "--max-output",
    "tool_calls": "--max-tool-calls",
    "max_frame": "--max-frame",
}
_LIMIT_ALIASES = {
    "max_output": "output",
    "max_tool_calls": "tool_calls",
    "frame": "max_frame",
    "memory_limit": "memory",
    "wall": "the timeout option",
    "timeout": "the timeout option",
}

#: Every option name the client takes; anything else is a typo.
OPTION_NAMES = (
    "binary",
    "policy",
    "timeout",
    "limits",
    "workspace",
    "env",
    "filename",
    "cgroup",
    "cgroup_parent",
    "extra_args",
    "on_log",
    "on_approval",
    "kill_grace",
    "socket",
    "policy_name",
)
#: Options that configure a spawned ``codecell run``: with ``socket`` the
#: server's operator set them, so giving one is a mistake said at once.
SPAWN_ONLY = ("binary", "policy", "cgroup", "cgroup_parent", "extra_args")
#: Names other clients (the Node one) and habits use for ours.
_OPTION_ALIASES = {
    "codecell_path": "binary",
    "codecellPath": "binary",
    "bin": "binary",
    "path": "binary",
    "codecell": "binary",
    "executable": "binary",
    "policy_file": "policy",
    "policy_path": "policy",
    "timeout_ms": "timeout",
    "onLog": "on_log",
    "onApproval": "on_approval",
    "killGraceMs": "kill_grace",
    "maxToolCalls": "limits",
    "max_tool_calls": "limits",
    "memory": "limits",
    "heap": "limits",
    "cpu": "limits",
    "max_output": "limits",
    "maxOutput": "limits",
}


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggest(name: str, known: Iterable[str], aliases: Mapping[str, str]) -> Optional[str]:
    """The known name a typo most likely meant, or None."""
    if name in aliases:
        return aliases[name]
    best = min(known, key=lambda k: _edit_distance(name.lower(), k.lower()))
    return best if _edit_distance(name.lower(), best.lower()) <= max(1, len(name) // 3) else None


def unknown_name_error(what: str, name: str, known: Sequence[str], aliases: Mapping[str, str]) -> TypeError:
    hint = suggest(name, known, aliases)
    text = f"unknown {what} {name!r}"
    if hint:
        text += f"; did you mean {hint}?" if hint.startswith("the ") else f"; did you mean {hint!r}?"
    return TypeError(f"{text} ({what}s: {', '.join(known)})")


def _seconds_to_ms(name: str, v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {v!r}")
    return max(1, math.ceil(v * 1000))


def parse_size(name: str, v: Any) -> int:
    """Bytes for a size given as an int or a string such as "64MiB"."""
    if isinstance(v, int) and not isinstance(v, bool) and v > 0:
        return v
    if isinstance(v, str):
        m = _SIZE.match(v)
        if m:
            return int(m.group(1)) * _SIZE_UNITS[m.group(2)]
    raise ValueError(f'{name} must be a positive number of bytes or a string such as "64MiB", not {v!r}')


@dataclass(frozen=True)
class Options:
    """Checked options. Durations are seconds; sizes are bytes."""

    binary: Optional[str] = None
    policy: Optional[str] = None
    timeout: Optional[float] = None
    limits: Dict[str, Any] = field(default_factory=dict)
    workspace: Optional[str] = None
    env: Optional[Dict[str, str]] = None
    filename: str = "program.js"
    cgroup: Optional[str] = None
    cgroup_parent: Optional[str] = None
    extra_args: List[str] = field(default_factory=list)
    on_log: Optional[Callable[..., Any]] = None
    on_approval: Optional[Callable[..., Any]] = None
    kill_grace: float = DEFAULT_KILL_GRACE
    socket: Optional[str] = None
    policy_name: Optional[str] = None

    @property
    def max_frame(self) -> int:
        v = self.limits.get("max_frame")
        return DEFAULT_MAX_FRAME if v is None else parse_size("limits['max_frame']", v)

    def run_args(self) -> List[str]:
        """The ``codecell run --host`` arguments these options give."""
        args = ["run", "--host"]
        if self.policy is not None:
            args += ["--policy", self.policy]
        if self.timeout is not None:
            args += ["--timeout", f"{_seconds_to_ms('timeout', self.timeout)}ms"]
        for key, flag in LIMIT_FLAGS.items():
            v = self.limits.get(key)
            if v is None:
                continue
            if key == "cpu":
                args += [flag, f"{_seconds_to_ms('cpu', v)}ms"]
            elif key == "tool_calls":
                args += [flag, str(v)]
            else:
                args += [flag, f"{parse_size(f'limits[{key!r}]', v)}B"]
        if self.cgroup is not None:
            args += ["--cgroup", self.cgroup]
        if self.cgroup_parent is not None:
            args += ["--cgroup-parent", self.cgroup_parent]
        if self.workspace is not None:
            args += ["--workspace", self.workspace]
        args += ["--filename", self.filename]
        return args + self.extra_args


    def serve_limits(self) -> Dict[str, str]:
        """The ``limits`` of a ``codecell serve`` start (docs/SERVE.md), in
        the policy's grammar; a server lets them lower its policy's only."""
        out: Dict[str, str] = {}
        if self.timeout is not None:
            out["wall"] = f"{_seconds_to_ms('timeout', self.timeout)}ms"
        for key in LIMIT_FLAGS:
            v = self.limits.get(key)
            if v is None:
                continue
            if key == "cpu":
                out[key] = f"{_seconds_to_ms('cpu', v)}ms"
            elif key == "tool_calls":
                out[key] = str(v)
            else:
                out[key] = f"{parse_size(f'limits[{key!r}]', v)}B"
        return out


def _path(name: str, v: Any) -> str:
    if isinstance(v, os.PathLike):
        v = os.fspath(v)
    if not isinstance(v, str) or not v:
        raise TypeError(f"{name} must be a path (str or os.PathLike), not {v!r}")
    return v


def _callback(name: str, v: Any) -> Callable[..., Any]:
    if not callable(v):
        raise TypeError(f"{name} must be callable, not {v!r}")
    return v


def _limits(v: Any) -> Dict[str, Any]:
    if not isinstance(v, Mapping):
        raise TypeError(f"limits must be a mapping such as {{'cpu': 5, 'memory': '256MiB'}}, not {v!r}")
    out: Dict[str, Any] = {}
    for key, x in v.items():
        if key not in LIMIT_FLAGS:
            raise unknown_name_error("limit", str(key), list(LIMIT_FLAGS), _LIMIT_ALIASES)
        if x is None:
            continue
        if key == "cpu":
            _seconds_to_ms("limits['cpu']", x)
        elif key == "tool_calls":
            if isinstance(x, bool) or not isinstance(x, int) or x < 0:
                raise ValueError(f"limits['tool_calls'] must be a non-negative int, not {x!r}")
        else:
            parse_size(f"limits[{key!r}]", x)
        out[key] = x
    return out


def check(raw: Mapping[str, Any], base: Optional[Options] = None) -> Options:
    """Checks option names and values; ``base`` holds the ones not given
    (per-call options over the executor's). Raises TypeError or ValueError."""
    for name in raw:
        if name not in OPTION_NAMES:
            raise unknown_name_error("option", str(name), OPTION_NAMES, _OPTION_ALIASES)
    o = dict(vars(base if base is not None else Options()))
    for name, v in raw.items():
        if v is None:
            # None means "not given": the executor's value, else the default.
            continue
        if name in ("binary", "policy", "workspace", "cgroup_parent", "socket"):
            v = _path(name, v)
        elif name == "policy_name":
            if not isinstance(v, str) or not v:
                raise TypeError("policy_name must be a non-empty str")
        elif name == "timeout":
            _seconds_to_ms("timeout", v)
        elif name == "limits":
            # Per-call limits add to the executor's, key by key.
            v = {**o.get("limits", {}), **_limits(v)}
        elif name == "env":
            if not isinstance(v, Mapping) or not all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()):
                raise TypeError("env must be a mapping of str to str")
            v = dict(v)
        elif name == "filename":
            if not isinstance(v, str) or not v:
                raise TypeError("filename must be a non-empty str")
        elif name == "cgroup":
            if v not in ("auto", "required", "off"):
                raise ValueError(f'cgroup must be "auto", "required" or "off", not {v!r}')
        elif name == "extra_args":
            if isinstance(v, str) or not all(isinstance(a, str) for a in v):
                raise TypeError("extra_args must be a list of str")
            v = list(v)
        elif name in ("on_log", "on_approval"):
            v = _callback(name, v)
        elif name == "kill_grace":
            _seconds_to_ms("kill_grace", v)
        o[name] = v
    if o.get("socket") is not None:
        for name in SPAWN_ONLY:
            if o.get(name) not in (None, []):
                raise TypeError(
                    f"option {name!r} configures a spawned codecell run; with socket= the server's operator "
                    "sets it (name a server policy with policy_name=)"
                )
    elif o.get("policy_name") is not None:
        raise TypeError("policy_name names a policy of a codecell serve server: give socket= too")
    return Options(**o)
