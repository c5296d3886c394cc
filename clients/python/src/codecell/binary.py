"""Finding the codecell binary and checking it, and a policy, before any run.

Runs in: the host's Python process, at construction. Input: the binary's
``version`` output and ``policy check`` diagnostics (trusted program, but
it may be the wrong program or the wrong version).
"""

from __future__ import annotations

import os
import re
import subprocess
from typing import Optional

from .protocol import PROTOCOL_VERSION

#: ``codecell version`` and ``policy check`` answer at once; 10 s covers a
#: machine under heavy load without hanging a constructor forever.
CHECK_TIMEOUT = 10.0

_VERSION = re.compile(r"host protocol v(\d+)")


class ConfigurationError(Exception):
    """The binary or the policy cannot be used; the message says what to fix."""


def resolve(binary: Optional[str]) -> str:
    """The binary to run: the option, else $CODECELL_BIN, else ``codecell``
    (looked up on PATH when it is spawned)."""
    return binary or os.environ.get("CODECELL_BIN") or "codecell"


def not_found_message(binary: str) -> str:
    return (
        f'codecell binary "{binary}" not found; set the binary option or $CODECELL_BIN, '
        "or put codecell on PATH"
    )


def _run(args: list) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=CHECK_TIMEOUT,
        check=False,
    )


def check_binary(binary: str) -> None:
    """Runs ``codecell version``: the binary exists, is codecell, and speaks
    this client's host protocol version."""
    try:
        r = _run([binary, "version"])
    except FileNotFoundError:
        raise ConfigurationError(not_found_message(binary)) from None
    except (OSError, subprocess.SubprocessError) as e:
        raise ConfigurationError(f'cannot run codecell binary "{binary}": {e}') from None
    out = r.stdout.decode("utf-8", "replace")
    m = _VERSION.search(out)
    if r.returncode != 0 or not m:
        shown = (out or r.stderr.decode("utf-8", "replace")).strip()[:200]
        raise ConfigurationError(f'"{binary}" does not look like codecell ("{binary} version" printed {shown!r})')
    if int(m.group(1)) != PROTOCOL_VERSION:
        raise ConfigurationError(
            f'codecell at "{binary}" speaks host protocol v{m.group(1)}, this client speaks '
            f"v{PROTOCOL_VERSION}: install matching versions of codecell and the codecell Python package"
        )


def check_policy(binary: str, policy: str) -> None:
    """``codecell policy check FILE``: the operator sees FILE:LINE:COL
    problems when the executor is made, not a failed run per model call."""
    try:
        r = _run([binary, "policy", "check", policy])
    except (OSError, subprocess.SubprocessError) as e:
        raise ConfigurationError(f"cannot check policy {policy}: {e}") from None
    if r.returncode != 0:
        why = (r.stderr or r.stdout).decode("utf-8", "replace").strip()
        raise ConfigurationError(f"policy {policy} is not valid:\n{why}")
