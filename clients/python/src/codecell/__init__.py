"""codecell: run model-written JavaScript in the codecell sandbox, with
Python functions as the tools it calls.

Runs in: the host's Python process. Spawns ``codecell run --host`` per run
and speaks the NDJSON host protocol (docs/PROTOCOL.md section 2) with it,
or, with ``socket=``, sends every run over one connection to a running
``codecell serve`` (docs/SERVE.md).

    from codecell import Codecell
    cc = Codecell(timeout=10)
    r = cc.execute_sync("async () => await codemode.add(1, 2)", {"add": lambda a, b: a + b})
    r.result, r.error, r.logs   # 3, None, []
"""

from .binary import ConfigurationError
from .executor import Codecell, execute, execute_sync
from .options import DEFAULT_KILL_GRACE, DEFAULT_MAX_FRAME
from .protocol import PROTOCOL_VERSION, ApprovalRequest, Log
from .result import ExecuteResult, format_log, format_run_error
from .tools import sanitize_tool_name

__version__ = "0.1.0"

__all__ = [
    "ApprovalRequest",
    "Codecell",
    "ConfigurationError",
    "DEFAULT_KILL_GRACE",
    "DEFAULT_MAX_FRAME",
    "ExecuteResult",
    "Log",
    "PROTOCOL_VERSION",
    "execute",
    "execute_sync",
    "format_log",
    "format_run_error",
    "sanitize_tool_name",
]
