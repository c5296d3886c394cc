// codecell-codemode: an Executor for @cloudflare/codemode that runs each
// program in the codecell sandbox by spawning `codecell run --host` and
// speaking the NDJSON host protocol (docs/PROTOCOL.md section 2), or, with
// the `socket` option, over one shared connection to `codecell serve`
// (docs/SERVE.md), each run tagged with its own run id.
// Runs in: the host agent's Node process. Input: model-written code (passed
// through untouched to the sandbox), supervisor stdout lines (trusted but
// validated), the host's own tool functions (may throw anything).

import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createConnection } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { fromWire, wireReplacer } from './wire.js';

export const PROTOCOL_VERSION = 1;

/** The supervisor's default frame limit (docs/PROTOCOL.md section 1): a tool
 * result larger than this cannot reach the program, so we answer with an
 * error the program can catch instead of sending it. */
export const DEFAULT_MAX_FRAME = 1 << 20;

/** Time between `cancel` (abort, our own watchdog) and SIGKILL: the
 * supervisor tears the sandbox down in milliseconds, 2 s is ample. */
export const DEFAULT_KILL_GRACE_MS = 2000;

/** How long after the supervisor's deadline our own watchdog gives up on it
 * (only when a `timeout` is set): covers sandbox teardown and a slow box. */
const WATCHDOG_SLACK_MS = 5000;

/** stderr kept for error messages: the supervisor prints short diagnostics;
 * a runaway stream must not grow the host's memory. */
const MAX_STDERR = 16 * 1024;

/** A supervisor line longer than this is not something it sends (results are
 * bounded by the output limit, 64 MiB at most): stop rather than buffer. */
const MAX_LINE = 96 * 1024 * 1024;

const VALID_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names a namespace must not take: globals the program and the guest's
 * runtime rely on. Mirrors the reserved list of codemode's own executor. */
const RESERVED_NAMESPACES = new Set([
  '__cc', 'console', 'Promise', 'Error', 'JSON', 'Object', 'Array', 'Math', 'globalThis',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask',
  'process', 'fetch', 'fs', 'undefined', 'NaN', 'Infinity', 'eval', 'arguments',
]);

const JS_RESERVED = new Set([
  'abstract', 'arguments', 'await', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class',
  'const', 'continue', 'debugger', 'default', 'delete', 'do', 'double', 'else', 'enum', 'eval',
  'export', 'extends', 'false', 'final', 'finally', 'float', 'for', 'function', 'goto', 'if',
  'implements', 'import', 'in', 'instanceof', 'int', 'interface', 'let', 'long', 'native', 'new',
  'null', 'package', 'private', 'protected', 'public', 'return', 'short', 'static', 'super',
  'switch', 'synchronized', 'this', 'throw', 'throws', 'transient', 'true', 'try', 'typeof',
  'undefined', 'var', 'void', 'volatile', 'while', 'with', 'yield',
]);

/**
 * Turns a tool name into the identifier the program calls it by, exactly as
 * @cloudflare/codemode does (its generated types use the same names):
 * `-`, `.` and spaces become `_`, other invalid characters are dropped, a
 * leading digit gets `_`, and reserved words get a trailing `_`.
 */
export function sanitizeToolName(name) {
  if (!name) return '_';
  let s = String(name).replace(/[-.\s]/g, '_');
  s = s.replace(/[^a-zA-Z0-9_$]/g, '');
  if (!s) return '_';
  if (/^[0-9]/.test(s)) s = '_' + s;
  if (JS_RESERVED.has(s)) s = s + '_';
  return s;
}

/** Strips a Markdown code fence around the whole program, as codemode's
 * normalizeCode does; models often wrap code in one. */
function stripCodeFences(code) {
  const m = code.match(/^```(?:js|javascript|typescript|ts|tsx|jsx)?\s*\n([\s\S]*?)```\s*$/);
  return m ? m[1] : code;
}

/** codemode's normalizeCode parses the program with acorn, which knows no
 * TypeScript; on a parse failure it wraps the source as
 * `async () => {\n<source>\n}`. For a TypeScript arrow function (which
 * the codecell guest runs) that wrapper returns undefined instead of the
 * arrow's result, so we take the arrow back out of it. A wrapper around
 * anything else (statements, a real syntax error) is left as it is. */
const NORMALIZED_WRAPPER = /^async \(\) => \{\n([\s\S]*)\n\}$/;
export function unwrapNormalizedArrow(code) {
  const m = NORMALIZED_WRAPPER.exec(code);
  if (!m) return code;
  const inner = m[1].trim();
  if (/^async\s*\(/.test(inner) && /[})]$/.test(inner) && inner.includes('=>')) return inner;
  // A lone named function in TypeScript (`async function run(): Promise<T> {...}`):
  // codemode would have called it had acorn parsed it; the guest calls a lone
  // function itself, so hand it over unwrapped.
  if (/^(async\s+)?function\s*\*?\s*[A-Za-z_$][\w$]*\s*[(<]/.test(inner) && endsFirstBlock(inner)) return inner;
  return code;
}

/** True when the first `{...}` block of src, braces inside strings, template
 * literals and comments not counted, closes at its very end (so src is one
 * function declaration, not a declaration followed by more code). */
function endsFirstBlock(src) {
  let depth = 0, opened = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i < 0) return false; continue; }
    if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i + 2); if (i < 0) return false; i++; continue; }
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '{') { depth++; opened = true; }
    else if (c === '}' && --depth === 0 && opened) return src.slice(i + 1).trim() === '';
  }
  return false;
}

function safeString(v) {
  try {
    return String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return 'unknown value';
    }
  }
}

/** Whether e is an Error, for any value: `instanceof` on a revoked Proxy
 * (or a Proxy with a throwing getPrototypeOf trap) throws. */
function isError(e) {
  try {
    return e instanceof Error;
  } catch {
    return false;
  }
}

/** {name, message} for anything a tool function throws; never throws
 * itself, whatever was thrown (execute is documented never to throw). */
function toolError(e) {
  if (isError(e)) {
    let name = 'Error', message = '';
    try { name = typeof e.name === 'string' && e.name ? e.name : 'Error'; } catch { /* keep */ }
    try { message = typeof e.message === 'string' ? e.message : safeString(e.message); } catch { /* keep */ }
    return { name, message };
  }
  return { name: 'Error', message: safeString(e) };
}

function errMessage(e) {
  if (isError(e)) {
    try {
      return String(e.message);
    } catch { /* fall through */ }
  }
  return safeString(e);
}

/** The `error` string of an ExecuteResult for a non-ok supervisor result.
 * For a program that threw it is what codemode's own executor gives (the
 * message, prefixed by the error's name unless plain `Error`); for limits
 * and the rest it names the status first, e.g. `timeout: the program ran…`. */
export function formatRunError(status, error) {
  const name = error && typeof error.name === 'string' ? error.name : '';
  const message = error && typeof error.message === 'string' ? error.message : '';
  if (status === 'error') {
    // Some engine messages already start with their name ("SyntaxError:
    // …"): never say it twice.
    const prefix = name && name !== 'Error' && !message.startsWith(`${name}: `) ? `${name}: ` : '';
    return prefix + (message || 'the program failed');
  }
  return `${status}: ${message || 'the run did not finish'}`;
}

/** One entry of `logs`, formatted as codemode's DynamicWorkerExecutor does:
 * console.log (and info/debug) plain, warn and error tagged. */
export function formatLog(level, message) {
  if (level === 'warn') return `[warn] ${message}`;
  if (level === 'error') return `[error] ${message}`;
  return message;
}

function positiveInt(name, v) {
  if (!Number.isSafeInteger(v) || v <= 0) throw new TypeError(`${name} must be a positive integer, not ${safeString(v)}`);
  return v;
}

/** Sizes: a positive integer number of bytes, or a string in the
 * supervisor's one size grammar ("64MiB"; units B, KiB, MiB, GiB, TiB). */
function sizeArg(name, v) {
  if (typeof v === 'string' && /^[0-9]+(B|KiB|MiB|GiB|TiB)$/.test(v)) return v;
  return `${positiveInt(name, v)}B`;
}

/**
 * The `codecell run` arguments for a set of options. Exported for tests and
 * for hosts that spawn codecell themselves. Throws TypeError on a bad option.
 */
export function buildArgs(o = {}) {
  const args = ['run', '--host'];
  if (o.policy != null) args.push('--policy', String(o.policy));
  if (o.timeout != null) args.push('--timeout', `${positiveInt('timeout', o.timeout)}ms`);
  if (o.cpu != null) args.push('--cpu', `${positiveInt('cpu', o.cpu)}ms`);
  if (o.memory != null) args.push('--memory', sizeArg('memory', o.memory));
  if (o.heap != null) args.push('--heap', sizeArg('heap', o.heap));
  if (o.maxOutput != null) args.push('--max-output', sizeArg('maxOutput', o.maxOutput));
  if (o.maxToolCalls != null) {
    if (!Number.isSafeInteger(o.maxToolCalls) || o.maxToolCalls < 0)
      throw new TypeError(`maxToolCalls must be a non-negative integer, not ${safeString(o.maxToolCalls)}`);
    args.push('--max-tool-calls', String(o.maxToolCalls));
  }
  if (o.maxFrame != null) args.push('--max-frame', sizeArg('maxFrame', o.maxFrame));
  if (o.cgroup != null) {
    if (!['auto', 'required', 'off'].includes(o.cgroup))
      throw new TypeError(`cgroup must be "auto", "required" or "off", not ${safeString(o.cgroup)}`);
    args.push('--cgroup', o.cgroup);
  }
  if (o.cgroupParent != null) args.push('--cgroup-parent', String(o.cgroupParent));
  if (o.workspace != null) args.push('--workspace', String(o.workspace));
  if (o.filename != null) args.push('--filename', String(o.filename));
  if (o.extraArgs != null) {
    if (!Array.isArray(o.extraArgs) || !o.extraArgs.every((a) => typeof a === 'string'))
      throw new TypeError('extraArgs must be an array of strings');
    args.push(...o.extraArgs);
  }
  return args;
}

/**
 * The `limits` of a `codecell serve` start message for a set of options
 * (docs/SERVE.md): the same options as buildArgs, in the policy's own
 * grammar. A server lets a client lower its policy's limits, never raise
 * them. Exported for tests. Throws TypeError on a bad option.
 */
export function buildServeLimits(o = {}) {
  const l = {};
  if (o.timeout != null) l.wall = `${positiveInt('timeout', o.timeout)}ms`;
  if (o.cpu != null) l.cpu = `${positiveInt('cpu', o.cpu)}ms`;
  if (o.memory != null) l.memory = sizeArg('memory', o.memory);
  if (o.heap != null) l.heap = sizeArg('heap', o.heap);
  if (o.maxOutput != null) l.output = sizeArg('maxOutput', o.maxOutput);
  if (o.maxToolCalls != null) {
    if (!Number.isSafeInteger(o.maxToolCalls) || o.maxToolCalls < 0)
      throw new TypeError(`maxToolCalls must be a non-negative integer, not ${safeString(o.maxToolCalls)}`);
    l.tool_calls = String(o.maxToolCalls);
  }
  if (o.maxFrame != null) l.max_frame = sizeArg('maxFrame', o.maxFrame);
  for (const k of SPAWN_ONLY_OPTIONS)
    if (o[k] != null) throw new TypeError(`option "${k}" configures a spawned codecell run; with "socket" the server's operator sets it (name a server policy with "policyName")`);
  if (o.policyName != null && (typeof o.policyName !== 'string' || !o.policyName))
    throw new TypeError('policyName must be a non-empty string');
  return l;
}

/** A supervisor line is at most MAX_LINE; a server line adds the run id. */
const SERVE_RUN_PREFIX = /^\{"run":"([A-Za-z0-9._:-]{1,64})"/;

/**
 * One connection to `codecell serve`, shared by every execution of an
 * executor: lines are routed to runs by their run id. A run sees it as a
 * child process (ServeChild), so the conversation logic is the one Run.
 */
class ServeConnection {
  constructor(path) {
    this.path = path;
    this.sock = null;
    this.runs = new Map();
    this.buf = '';
    this.decoder = new StringDecoder('utf8');
    this.next = 0;
    this.broken = null;
  }

  /** A fresh run id on this connection. */
  id() {
    return `r${++this.next}`;
  }

  open() {
    if (this.sock) return;
    this.broken = null;
    const sock = createConnection(this.path);
    this.sock = sock;
    sock.on('data', (chunk) => {
      try { this.onData(chunk); } catch (e) { this.lose(`internal error reading from codecell serve: ${errMessage(e)}`); }
    });
    sock.on('error', (e) => this.lose(e.code === 'ENOENT' || e.code === 'ECONNREFUSED'
      ? `no codecell serve is listening on ${this.path} (${e.code})` : `connection to codecell serve at ${this.path}: ${e.message}`));
    sock.on('close', () => this.lose(`codecell serve at ${this.path} closed the connection`));
  }

  attach(id, child) {
    this.open();
    this.runs.set(id, child);
    this.sock.ref();
  }

  detach(id) {
    this.runs.delete(id);
    // An idle shared connection must not keep the host's process alive.
    if (this.runs.size === 0 && this.sock) this.sock.unref();
  }

  write(line) {
    if (this.sock && !this.sock.destroyed) this.sock.write(line);
  }

  onData(chunk) {
    let from = this.buf.length;
    this.buf += this.decoder.write(chunk);
    let nl;
    while ((nl = this.buf.indexOf('\n', from)) !== -1) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      from = 0;
      const m = SERVE_RUN_PREFIX.exec(line);
      // Lines without a run (a server error about an unreadable line)
      // concern no execution of ours; an unknown run id is a run we
      // already gave up on.
      if (m) this.runs.get(m[1])?.deliver(line);
    }
    if (this.buf.length > MAX_LINE) this.lose(`codecell serve sent a line longer than ${MAX_LINE} bytes`);
  }

  /** The connection is gone: every run on it ends with the reason, and
   * the next execution opens a new connection. */
  lose(why) {
    if (!this.sock) return;
    const sock = this.sock;
    this.sock = null;
    this.buf = '';
    this.decoder = new StringDecoder('utf8');
    sock.destroy();
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const r of runs) r.lost(why);
  }

  close() {
    if (this.sock) this.sock.end();
  }
}

/** What Run sees of a run on a shared server connection: the interface of
 * a spawned child (stdin, stdout, stderr, kill, 'close'), so the
 * conversation code is shared. stdin lines get the run id; the result, a
 * kill or a lost connection emits 'close'. */
class ServeChild extends EventEmitter {
  constructor(conn, id) {
    super();
    this.conn = conn;
    this.id = id;
    this.pid = 0;
    this.done = false;
    this.stdout = new EventEmitter();
    this.stderr = new EventEmitter();
    const self = this;
    this.stdin = {
      destroyed: false,
      writableEnded: false,
      on() {},
      write(line) {
        if (self.done) return;
        self.conn.write(`{"run":${JSON.stringify(self.id)},${line.slice(1)}`);
      },
      end() {
        this.writableEnded = true;
        // The result was the run's last line (Run ends stdin after it).
        self.finish(0, null);
      },
    };
    conn.attach(id, this);
  }

  deliver(line) {
    this.stdout.emit('data', Buffer.from(line + '\n', 'utf8'));
  }

  lost(why) {
    if (this.done) return;
    this.stderr.emit('data', Buffer.from(why));
    this.finish(4, null);
  }

  /** A run we stop before its result: the server cancels it (Run sent the
   * cancel already when it could). */
  kill() {
    if (this.done) return;
    this.conn.write(`{"run":${JSON.stringify(this.id)},"v":${PROTOCOL_VERSION},"type":"cancel","reason":"killed by the client"}\n`);
    this.finish(null, 'SIGKILL');
  }

  finish(code, signal) {
    if (this.done) return;
    this.done = true;
    this.stdin.destroyed = true;
    this.conn.detach(this.id);
    queueMicrotask(() => this.emit('close', code, signal));
  }
}

function frameLimitBytes(maxFrame) {
  if (maxFrame == null) return DEFAULT_MAX_FRAME;
  if (typeof maxFrame === 'number') return maxFrame;
  const m = /^([0-9]+)(B|K|KiB|KB|M|MiB|MB|G|GiB|GB)?$/.exec(maxFrame);
  const mul = { K: 1024, KiB: 1024, KB: 1024, M: 1 << 20, MiB: 1 << 20, MB: 1 << 20, G: 1 << 30, GiB: 1 << 30, GB: 1 << 30 };
  return Number(m[1]) * (mul[m[2]] ?? 1);
}

/** Providers (array form) or the older plain map of functions, checked and
 * indexed: ns -> sanitized tool name -> function. Returns {error} on bad
 * input, with the messages codemode's own executor uses. */
function resolveProviders(providersOrFns) {
  let providers;
  if (Array.isArray(providersOrFns)) providers = providersOrFns;
  else if (providersOrFns && typeof providersOrFns === 'object') providers = [{ name: 'codemode', fns: providersOrFns }];
  else if (providersOrFns == null) providers = [];
  else return { error: 'providers must be an array of { name, fns } or an object of functions' };

  const table = new Map();
  const namespaces = {};
  const preludes = [];
  for (const p of providers) {
    if (!p || typeof p !== 'object') return { error: 'each provider must be an object { name, fns, prelude? }' };
    const name = p.name === undefined ? 'codemode' : p.name;
    if (typeof name !== 'string' || !VALID_IDENT.test(name) || JS_RESERVED.has(name))
      return { error: `Provider name "${safeString(name)}" is not a valid JavaScript identifier` };
    if (RESERVED_NAMESPACES.has(name)) return { error: `Provider name "${name}" is reserved` };
    if (table.has(name)) return { error: `Duplicate provider name "${name}"` };
    const fns = new Map();
    const original = new Map();
    for (const [toolName, fn] of Object.entries(p.fns ?? {})) {
      if (typeof fn !== 'function') return { error: `Tool "${toolName}" in provider "${name}" is not a function` };
      const s = sanitizeToolName(toolName);
      const prev = original.get(s);
      if (prev !== undefined && prev !== toolName)
        return { error: `Tool names "${prev}" and "${toolName}" both sanitize to "${s}" in provider "${name}"` };
      original.set(s, toolName);
      fns.set(s, fn);
    }
    table.set(name, fns);
    namespaces[name] = [...fns.keys()];
    if (p.prelude != null) {
      if (typeof p.prelude !== 'string') return { error: `Provider "${name}" has a prelude that is not a string` };
      if (p.prelude.trim()) preludes.push(p.prelude);
    }
  }
  return { table, namespaces, preludes };
}

/** Every option the constructor takes (CodecellExecutorOptions); anything
 * else is a typo the operator should hear about now, not a silently
 * ignored setting. */
const EXECUTOR_OPTIONS = new Set(['codecellPath', 'policy', 'timeout', 'cpu', 'memory', 'heap', 'maxOutput',
  'maxToolCalls', 'maxFrame', 'cgroup', 'cgroupParent', 'workspace', 'filename', 'env', 'extraArgs', 'onLog',
  'onResult', 'onApproval', 'signal', 'killGraceMs', 'socket', 'policyName']);
/** Options that configure a spawned `codecell run` only: a server was
 * configured by its operator, so with `socket` they are an error. */
const SPAWN_ONLY_OPTIONS = ['codecellPath', 'policy', 'cgroup', 'cgroupParent', 'extraArgs'];
/** Names other executors and earlier drafts used for our options. */
const OPTION_ALIASES = { binary: 'codecellPath', bin: 'codecellPath', path: 'codecellPath', codecell: 'codecellPath',
  timeoutMs: 'timeout', memoryLimit: 'memory', policyFile: 'policy', policyPath: 'policy' };

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function checkOptionNames(options) {
  for (const k of Object.keys(options)) {
    if (EXECUTOR_OPTIONS.has(k)) continue;
    let hint = OPTION_ALIASES[k];
    if (!hint) {
      const near = [...EXECUTOR_OPTIONS].map((o) => [editDistance(k.toLowerCase(), o.toLowerCase()), o])
        .sort((x, y) => x[0] - y[0])[0];
      if (near[0] <= Math.max(1, Math.floor(k.length / 3))) hint = near[1];
    }
    throw new TypeError(`unknown option "${safeString(k)}"` + (hint ? `; did you mean "${hint}"?` : '') +
      ` (options: ${[...EXECUTOR_OPTIONS].join(', ')})`);
  }
}

/** Runs `codecell version` once: the binary exists, runs, and speaks our
 * protocol version. Throws an Error naming what to fix. */
function checkBinary(bin) {
  const r = spawnSync(bin, ['version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error?.code === 'ENOENT')
    throw new Error(`codecell binary "${bin}" not found; set the codecellPath option or $CODECELL_BIN, or put codecell on PATH`);
  if (r.error) throw new Error(`cannot run codecell binary "${bin}": ${r.error.message}`);
  const m = /host protocol v(\d+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m)
    throw new Error(`"${bin}" does not look like codecell ("${bin} version" printed ${JSON.stringify((r.stdout || r.stderr || '').trim().slice(0, 200))})`);
  if (Number(m[1]) !== PROTOCOL_VERSION)
    throw new Error(`codecell at "${bin}" speaks host protocol v${m[1]}, this client speaks v${PROTOCOL_VERSION}: install matching versions of codecell and codecell-codemode`);
}

/** `codecell policy check FILE`: the operator sees FILE:LINE:COL problems
 * when constructing the executor, not a failed run per model call. */
function checkPolicy(bin, policy) {
  const r = spawnSync(bin, ['policy', 'check', String(policy)], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) throw new Error(`cannot check policy ${policy}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`policy ${policy} is not valid:\n${(r.stderr || r.stdout).trim()}`);
}

/**
 * Runs model-written programs in the codecell sandbox. Implements the
 * `Executor` interface of @cloudflare/codemode 0.5.x.
 */
export class CodecellExecutor {
  #o;
  #conn = null;

  /** @param {import('./index.js').CodecellExecutorOptions} [options] */
  constructor(options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    // Validates the option names and values, the binary and the policy now,
    // so a configuration error fails at construction (the operator sees it)
    // rather than in every run's result (the model sees it).
    checkOptionNames(options);
    if (options.socket != null) {
      if (typeof options.socket !== 'string' || !options.socket) throw new TypeError('socket must be a path string');
      buildServeLimits(options);
    } else {
      if (options.policyName != null) throw new TypeError('policyName names a policy of a codecell serve server: give "socket" too');
      buildArgs(options);
    }
    if (options.killGraceMs != null) positiveInt('killGraceMs', options.killGraceMs);
    for (const cb of ['onLog', 'onResult', 'onApproval'])
      if (options[cb] != null && typeof options[cb] !== 'function') throw new TypeError(`${cb} must be a function`);
    if (options.env != null && (typeof options.env !== 'object' || Object.values(options.env).some((v) => typeof v !== 'string')))
      throw new TypeError('env must be an object of strings');
    this.#o = { ...options };
    if (options.socket != null) {
      // One connection for every execution, opened on first use.
      this.#conn = new ServeConnection(options.socket);
      return;
    }
    checkBinary(this.codecellPath);
    if (options.policy != null) checkPolicy(this.codecellPath, options.policy);
  }

  /** Closes the shared connection to `codecell serve` (socket mode); runs
   * still in flight end with an error. Without `socket`, nothing to do. */
  close() {
    this.#conn?.close();
  }

  /** The binary this executor spawns: `codecellPath`, else $CODECELL_BIN,
   * else `codecell` on PATH. */
  get codecellPath() {
    return this.#o.codecellPath ?? process.env.CODECELL_BIN ?? 'codecell';
  }

  /**
   * Runs `code` with the providers' functions callable as `name.tool(...)`.
   * Never throws: every failure is returned in `error`.
   * @returns {Promise<import('./index.js').CodecellExecuteResult>}
   */
  async execute(code, providersOrFns, options = {}) {
    try {
      return await this.#execute(code, providersOrFns, options ?? {});
    } catch (e) {
      return { result: undefined, error: `codecell executor: ${errMessage(e)}`, logs: [] };
    }
  }

  #execute(code, providersOrFns, options) {
    const o = { ...this.#o, ...options };
    const logs = [];
    if (typeof code !== 'string') return Promise.resolve({ result: undefined, error: 'code must be a string', logs });
    if (options.connectors?.length)
      return Promise.resolve({ result: undefined, error: 'connectors are not supported by the codecell executor', logs });
    const resolved = resolveProviders(providersOrFns);
    if (resolved.error) return Promise.resolve({ result: undefined, error: resolved.error, logs });

    let args, limits;
    try {
      if (this.#conn) limits = buildServeLimits(o);
      else args = buildArgs(o);
    } catch (e) {
      return Promise.resolve({ result: undefined, error: errMessage(e), logs });
    }
    const signal = o.signal;
    if (signal?.aborted)
      return Promise.resolve({ result: undefined, error: `cancelled: ${abortReason(signal)} (before the run started)`, logs });

    let program = unwrapNormalizedArrow(stripCodeFences(code.trim()).trim());
    if (!program) program = 'async () => {}';
    // A provider's prelude defines in-sandbox helpers on its namespace
    // before the program runs, as in codemode's executor; as leading
    // statements they leave the program's completion value alone.
    if (resolved.preludes.length) program = resolved.preludes.join(';\n') + ';\n' + program;

    const start = { v: PROTOCOL_VERSION, type: 'start', code: program, filename: o.filename ?? 'codemode.js', namespaces: resolved.namespaces };
    if (o.env) start.env = { ...o.env };
    const conn = this.#conn;
    if (conn) {
      if (Object.keys(limits).length) start.limits = limits;
      if (o.policyName != null) start.policy_name = o.policyName;
      if (o.workspace != null) start.workspace = String(o.workspace);
    }

    return new Promise((resolve) => {
      new Run({
        bin: conn ? `codecell serve at ${o.socket}` : this.codecellPath,
        spawn: conn ? () => new ServeChild(conn, conn.id()) : null,
        args,
        start,
        table: resolved.table,
        logs,
        onLog: o.onLog,
        onResult: o.onResult,
        onApproval: o.onApproval,
        signal,
        killGraceMs: o.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
        maxFrame: frameLimitBytes(o.maxFrame),
        watchdogMs: o.timeout != null ? o.timeout + WATCHDOG_SLACK_MS : null,
        resolve,
      }).begin();
    });
  }
}

function abortReason(signal) {
  const r = signal.reason;
  if (r === undefined) return 'aborted';
  return r instanceof Error ? r.message : safeString(r);
}

/** One spawned supervisor and its conversation. Settles exactly once, and
 * only after the child has exited, so no run leaves a process behind. */
class Run {
  constructor(p) {
    this.p = p;
    this.child = null;
    this.final = null;       // the supervisor's `result` line
    this.failure = null;     // our own reason to stop (bad line, spawn error…)
    this.stderr = '';
    this.exited = false;
    this.exitInfo = null;
    this.settled = false;
    this.timers = new Set();
    this.buf = '';
    this.decoder = new StringDecoder('utf8');
    this.pending = 0;
    this.onAbort = null;
  }

  begin() {
    const { p } = this;
    let child;
    try {
      child = p.spawn ? p.spawn() : spawn(p.bin, p.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      this.fail(`cannot start codecell (${p.bin}): ${errMessage(e)}`);
      this.settle();
      return;
    }
    this.child = child;
    child.on('error', (e) => {
      // ENOENT/EACCES arrive here with no 'exit' when the spawn failed.
      if (e.code === 'ENOENT')
        this.fail(`cannot start codecell: "${p.bin}" not found; set the codecellPath option or $CODECELL_BIN`);
      else this.fail(`cannot start codecell (${p.bin}): ${e.message}`);
      if (child.pid === undefined) {
        this.exited = true;
        this.settle();
      }
    });
    child.on('close', (code, sig) => {
      this.exited = true;
      this.exitInfo = { code, signal: sig };
      this.settle();
    });
    child.stdin.on('error', () => { /* EPIPE after the child died: the exit path reports it */ });
    child.stdout.on('data', (chunk) => {
      // Nothing the supervisor sends may throw into the host's event loop.
      try {
        this.onData(chunk);
      } catch (e) {
        this.stop(`codecell executor: internal error while reading codecell's output: ${errMessage(e)}`);
      }
    });
    child.stderr.on('data', (chunk) => {
      if (this.stderr.length < MAX_STDERR) this.stderr += chunk.toString('utf8').slice(0, MAX_STDERR - this.stderr.length);
    });

    if (p.signal) {
      this.onAbort = () => this.cancel(`cancelled: ${abortReason(p.signal)}`, abortReason(p.signal));
      p.signal.addEventListener('abort', this.onAbort, { once: true });
    }
    if (p.watchdogMs != null) {
      this.timer(p.watchdogMs, () => this.cancel(
        `timeout: codecell did not finish within ${p.watchdogMs} ms; it was stopped`, 'host watchdog'));
    }
    this.send(p.start);
  }

  timer(ms, fn) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  send(msg) {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || stdin.writableEnded) return;
    stdin.write(JSON.stringify(msg) + '\n');
  }

  fail(message) {
    if (!this.failure && !this.final) this.failure = message;
  }

  /** Asks the supervisor to stop, then kills it after the grace period. The
   * supervisor's own `cancelled` result wins if it arrives in time. */
  cancel(why, reason) {
    if (this.exited || this.final || this.cancelling) return;
    this.cancelling = why;
    this.send({ v: PROTOCOL_VERSION, type: 'cancel', reason });
    this.timer(this.p.killGraceMs, () => {
      this.fail(why);
      this.kill();
    });
  }

  kill() {
    if (this.child && !this.exited) {
      try { this.child.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }

  onData(chunk) {
    const text = this.decoder.write(chunk);
    // Only the new text can hold the next newline: a multi-megabyte result
    // line arriving in 64 KiB pieces is scanned once, not once per piece.
    let from = this.buf.length;
    this.buf += text;
    let nl;
    while ((nl = this.buf.indexOf('\n', from)) !== -1) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      from = 0;
      if (line.trim()) this.onLine(line);
    }
    if (this.buf.length > MAX_LINE) {
      this.buf = '';
      this.stop(`protocol_error: codecell sent a line longer than ${MAX_LINE} bytes`);
    }
  }

  /** Ends the conversation on our side: no more answers, child killed. */
  stop(why) {
    this.fail(why);
    this.kill();
  }

  onLine(line) {
    if (this.final || this.failure) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      this.stop(`protocol_error: codecell sent a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg) || msg.v !== PROTOCOL_VERSION || typeof msg.type !== 'string') {
      this.stop(`protocol_error: codecell sent an unexpected message (want an object with "v":${PROTOCOL_VERSION} and a "type"): ${line.slice(0, 200)}`);
      return;
    }
    switch (msg.type) {
    case 'log': return this.onLog(msg);
    case 'tool_call': return this.onToolCall(msg);
    case 'result': return this.onResult(msg);
    case 'approval_request': return this.onApproval(msg);
    default:
      // A newer supervisor may add message types; they are not ours to fail on.
      return;
    }
  }

  onLog(msg) {
    const level = typeof msg.level === 'string' ? msg.level : 'log';
    const message = typeof msg.message === 'string' ? msg.message : safeString(msg.message);
    this.p.logs.push(formatLog(level, message));
    if (typeof this.p.onLog === 'function') {
      try {
        const r = this.p.onLog({ level, message, timeMs: typeof msg.time_ms === 'number' ? msg.time_ms : 0 });
        if (r && typeof r.catch === 'function') r.catch(() => {});
      } catch { /* a broken log callback must not break the run */ }
    }
  }

  onToolCall(msg) {
    const { id, ns, name } = msg;
    if (typeof id !== 'string' || typeof ns !== 'string' || typeof name !== 'string') {
      this.stop(`protocol_error: codecell sent a tool_call without string id, ns and name`);
      return;
    }
    const fn = this.p.table.get(ns)?.get(name);
    if (!fn) {
      this.answer(id, false, undefined, { name: 'Error', message: `Tool "${ns}.${name}" not found` });
      return;
    }
    // Bytes arrive tagged (docs/PROTOCOL.md, Binary values): the tool gets
    // a Uint8Array, as a tool called in-process would.
    let args;
    try {
      args = fromWire(Array.isArray(msg.args) ? msg.args : []);
    } catch (e) {
      this.answer(id, false, undefined, { name: 'TypeError', message: `the tool's arguments: ${errMessage(e)}` });
      return;
    }
    // The tool is called as its line arrives. A value that cannot be a
    // thenable is answered at once (no promise hops: this is the tool-call
    // round trip's hot path); anything else is settled on its own promise,
    // so concurrent calls are served concurrently, and resolving it reads
    // `then` once, as before. A synchronous throw is an error answer.
    let r;
    try {
      r = fn(...args);
    } catch (e) {
      this.answer(id, false, undefined, toolError(e));
      return;
    }
    if (r === null || (typeof r !== 'object' && typeof r !== 'function')) {
      this.answer(id, true, r);
      return;
    }
    this.pending++;
    new Promise((resolve) => resolve(r))
      .then((value) => this.answer(id, true, value), (e) => this.answer(id, false, undefined, toolError(e)))
      .finally(() => { this.pending--; });
  }

  /** A policy rule said "ask" (docs/POLICY.md, Approvals). Without an
   * onApproval callback the answer is an immediate deny, so the program is
   * not left waiting for the policy's approval timeout. */
  onApproval(msg) {
    if (typeof msg.id !== 'string') {
      this.stop('protocol_error: codecell sent an approval_request without a string id');
      return;
    }
    const handler = this.p.onApproval;
    const request = { id: msg.id, kind: msg.kind, detail: msg.detail };
    Promise.resolve()
      .then(() => (typeof handler === 'function' ? handler(request) : false))
      .then((v) => {
        const allow = v === true || (v !== null && typeof v === 'object' && v.allow === true);
        const remember = v !== null && typeof v === 'object' && v.remember === true;
        return { allow, remember };
      }, () => ({ allow: false, remember: false }))
      .then(({ allow, remember }) => {
        if (this.final || this.failure || this.exited) return;
        this.send({ v: PROTOCOL_VERSION, type: 'approval', id: msg.id, allow, remember });
      });
  }

  answer(id, ok, value, error) {
    if (this.final || this.failure || this.exited) return;
    let line;
    if (ok) {
      try {
        const msg = { v: PROTOCOL_VERSION, type: 'tool_result', id, ok: true };
        // undefined (and functions, symbols) have no JSON form: the key is
        // left out and the program receives null, per the host protocol.
        if (value !== undefined) msg.value = value;
        line = JSON.stringify(msg, wireReplacer);
      } catch (e) {
        error = { name: 'TypeError', message: `the tool result is not JSON-serialisable: ${errMessage(e)}` };
        ok = false;
      }
      if (ok && Buffer.byteLength(line, 'utf8') > this.p.maxFrame) {
        error = {
          name: 'RangeError',
          message: `the tool result is ${Buffer.byteLength(line, 'utf8')} bytes, more than the ${this.p.maxFrame}-byte frame limit; ask for less data`,
        };
        ok = false;
      }
    }
    if (!ok) line = JSON.stringify({ v: PROTOCOL_VERSION, type: 'tool_result', id, ok: false, error });
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed && !stdin.writableEnded) stdin.write(line + '\n');
  }

  onResult(msg) {
    this.final = msg;
    // The result is always the last line: closing stdin lets the supervisor
    // exit; a supervisor that lingers is killed after the grace period.
    try { this.child.stdin.end(); } catch { /* already closed */ }
    this.timer(this.p.killGraceMs, () => this.kill());
  }

  settle() {
    if (this.settled || !this.exited) return;
    this.settled = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.onAbort) this.p.signal.removeEventListener('abort', this.onAbort);
    const { logs } = this.p;
    const final = this.final;
    if (final) {
      if (typeof this.p.onResult === 'function') {
        try { this.p.onResult(final); } catch { /* observer only */ }
      }
      if (final.status === 'ok') {
        let result;
        try {
          result = fromWire(final.value);
        } catch (e) {
          this.p.resolve({ result: undefined, error: `protocol_error: the program's result: ${errMessage(e)}`, logs });
          return;
        }
        this.p.resolve({ result, logs });
        return;
      }
      this.p.resolve({ result: undefined, error: formatRunError(String(final.status), final.error), logs });
      return;
    }
    let error = this.failure;
    if (!error) {
      const { code, signal } = this.exitInfo ?? {};
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const why = this.stderr.trim();
      error = this.p.spawn
        ? `sandbox_error: ${why || 'the run ended without a result'}`
        : code === 2
        ? `codecell refused the run (usage or configuration error): ${why || 'no message'}`
        : `sandbox_error: codecell ${how} without a result${why ? `: ${why}` : ''}`;
    } else if (this.stderr.trim() && !this.cancelling) {
      error += ` (codecell stderr: ${this.stderr.trim().slice(0, 2000)})`;
    }
    this.p.resolve({ result: undefined, error, logs });
  }
}
