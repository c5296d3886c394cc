// Types of codecell-codemode: a drop-in Executor for @cloudflare/codemode
// 0.5.x that runs programs in the codecell sandbox (`codecell run --host`).
// Structurally identical to codemode's own `Executor`, `ExecuteResult` and
// `ResolvedProvider`, so no import of @cloudflare/codemode is needed here.

/** The host protocol version spoken with `codecell run --host`. */
export declare const PROTOCOL_VERSION: 1;
/** The supervisor's default frame limit, 1 MiB. */
export declare const DEFAULT_MAX_FRAME: number;
/** Default time between `cancel` and SIGKILL, 2000 ms. */
export declare const DEFAULT_KILL_GRACE_MS: number;

/** A tool function: called with the program's arguments, positionally. May
 * be synchronous, return a promise, or throw anything. */
export type ToolFunction = (...args: any[]) => unknown;

/** One namespace the program sees as a global (codemode's ResolvedProvider). */
export interface ResolvedProvider {
  /** A JavaScript identifier; `codemode` by default in codemode itself. */
  name: string;
  /** Tool functions, keyed by name; names are sanitised as codemode does
   * (`get-weather` is called as `get_weather`). */
  fns: Record<string, ToolFunction>;
  /** JavaScript run in the sandbox before the program, after the namespace
   * exists; typically defines helpers on it (`codemode.step = …`). */
  prelude?: string;
}

/** What codemode expects back from an executor. */
export interface ExecuteResult {
  /** The program's JSON result (`null` when it returned undefined); bytes are `Uint8Array`s. */
  result: unknown;
  /** Set when the run did not finish `ok`: the program's error message, or
   * `<status>: <message>` (e.g. `timeout: the program timed out: it ran longer than …`). */
  error?: string;
  /** console output, formatted as codemode does: `log`/`info`/`debug`
   * plain, `[warn] …`, `[error] …`. */
  logs?: string[];
}

export interface CodecellExecuteResult extends ExecuteResult {
  logs: string[];
}

/** One log line, as it happens. */
export interface CodecellLog {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | string;
  message: string;
  /** Milliseconds since the run started. */
  timeMs: number;
}

/** A request for the host's approval (a policy rule said "ask"). */
export interface CodecellApprovalRequest {
  id: string;
  kind: 'tool' | 'fs' | 'network' | string;
  /** tool: {ns, name, args}; fs: {op, path, mount}; network: {method, url, rule}. */
  detail: Record<string, unknown>;
}

/** The supervisor's final `result` message (docs/PROTOCOL.md §2). */
export interface CodecellRunReport {
  v: 1;
  type: 'result';
  status: 'ok' | 'error' | 'timeout' | 'cpu_limit' | 'memory_limit' | 'output_limit' | 'tool_call_limit'
    | 'protocol_error' | 'sandbox_error' | 'cancelled' | 'busy' | string;
  value: unknown;
  error: { name: string; message: string; stack?: string } | null;
  stats?: { wall_ms: number; cpu_ms: number; memory_peak_bytes: number; tool_calls: number; output_bytes: number };
  enforced?: Record<string, unknown>;
}

/** A size in bytes, or a string in codecell's size grammar: "65536B", "64KiB", "256MiB", "1GiB". */
export type Size = number | string;

/** Options of one run; set on the executor, overridable per `execute`. */
export interface CodecellRunOptions {
  /** Operator policy file (docs/POLICY.md) → `--policy`. */
  policy?: string;
  /** Wall-clock limit in ms → `--timeout`. Default: the policy's. Also arms a
   * host-side watchdog (timeout + 5 s) in case the supervisor hangs. */
  timeout?: number;
  /** CPU-time limit in ms → `--cpu`. */
  cpu?: number;
  /** Memory limit of the sandbox → `--memory`. */
  memory?: Size;
  /** JavaScript heap limit in the guest → `--heap`. */
  heap?: Size;
  /** Limit on the run's output (logs, result, fs and fetch replies; docs/PROTOCOL.md) → `--max-output`. */
  maxOutput?: Size;
  /** Limit on tool calls per run → `--max-tool-calls`. */
  maxToolCalls?: number;
  /** Largest message between sandbox and supervisor → `--max-frame`. Tool
   * results larger than this become a RangeError in the program. If your
   * policy raises `limits.max_frame`, set the same value here. */
  maxFrame?: Size;
  /** cgroup requirement → `--cgroup`. */
  cgroup?: 'auto' | 'required' | 'off';
  /** Delegated cgroup v2 directory → `--cgroup-parent`. */
  cgroupParent?: string;
  /** Host directory mounted as /workspace when the policy maps it → `--workspace`. */
  workspace?: string;
  /** With `socket`: the server's named policy for this run (its
   * `--policy NAME=FILE`); default: the server's default policy. */
  policyName?: string;
  /** Name used in stack traces → `--filename` (default `codemode.js`). */
  filename?: string;
  /** Environment the program sees as `process.env` (strings only). */
  env?: Record<string, string>;
  /** More `codecell run` arguments, appended as they are. */
  extraArgs?: string[];
  /** Called with each log line as it happens; exceptions are ignored. */
  onLog?: (log: CodecellLog) => void;
  /** Called with the supervisor's full result (status, stats, enforced). */
  onResult?: (report: CodecellRunReport) => void;
  /** Answers the policy's "ask" rules (docs/POLICY.md, Approvals): return
   * true / false, or {allow, remember} (remember: reuse for the rest of the
   * run). Without it every approval is denied at once; a throw denies. */
  onApproval?: (request: CodecellApprovalRequest) =>
    boolean | { allow: boolean; remember?: boolean } | Promise<boolean | { allow: boolean; remember?: boolean }>;
  /** Cancels the run: sends `cancel`, then SIGKILL after `killGraceMs`. */
  signal?: AbortSignal;
  /** Time between `cancel` and SIGKILL, in ms (default 2000). */
  killGraceMs?: number;
}

export interface CodecellExecutorOptions extends CodecellRunOptions {
  /** The codecell binary. Default: $CODECELL_BIN, else `codecell` on PATH. */
  codecellPath?: string;
  /** Path of a `codecell serve` socket (docs/SERVE.md): every execution goes
   * over one shared connection instead of spawning `codecell run`. Limits
   * then lower the server policy's; `policy`, `cgroup`, `cgroupParent`,
   * `extraArgs` and `codecellPath` are the server operator's and refused. */
  socket?: string;
}

/** Per-call options: codemode's ExecuteOptions plus any run option. */
export interface CodecellExecuteOptions extends CodecellRunOptions {
  /** codemode connectors: not supported (an `error` is returned). */
  connectors?: unknown[];
}

/**
 * Runs model-written programs in the codecell sandbox; implements
 * @cloudflare/codemode's `Executor`. One `codecell run --host` per call,
 * or, with `socket`, one run on a shared connection to `codecell serve`.
 */
export declare class CodecellExecutor {
  constructor(options?: CodecellExecutorOptions);
  /** The binary `execute` spawns. */
  readonly codecellPath: string;
  /** Closes the shared `socket` connection (runs in flight end with an error). */
  close(): void;
  /** Never throws: failures come back in `error`. */
  execute(
    code: string,
    providersOrFns: ResolvedProvider[] | Record<string, ToolFunction>,
    options?: CodecellExecuteOptions
  ): Promise<CodecellExecuteResult>;
}

/** The `limits` of a `codecell serve` start for a set of options (throws TypeError on a bad value). */
export declare function buildServeLimits(options?: CodecellRunOptions): Record<string, string>;
/** The `codecell run` arguments for a set of options (throws TypeError on a bad value). */
export declare function buildArgs(options?: CodecellRunOptions): string[];
/** codemode's tool-name sanitiser: the identifier a tool is called by. */
export declare function sanitizeToolName(name: string): string;
/** The `error` string for a non-ok result. */
export declare function formatRunError(status: string, error: { name?: string; message?: string } | null | undefined): string;
/** One `logs` entry, formatted as codemode's executor does. */
export declare function formatLog(level: string, message: string): string;
/** Takes a TypeScript arrow back out of codemode's normalizeCode wrapper. */
export declare function unwrapNormalizedArrow(code: string): string;
