// Stand-ins for the `cloudflare:*` built-in modules of the Workers runtime,
// so packages that import them at load time (as @cloudflare/codemode 0.5.x
// does) can be loaded on Node. Runs in: the host's Node process, loaded only
// through the `codecell-codemode/register` hook. Input: none.
//
// Only what codemode needs to *load* is provided: base classes to extend and
// an empty `env`. Anything that would need the Workers runtime to actually
// work (Worker Loader, Durable Object storage, sockets) throws a clear error
// when used, instead of failing somewhere deep inside.

const where = 'is a stub from codecell-codemode/register: the Cloudflare Workers runtime is not available on Node';

function unavailable(name) {
  return function () {
    throw new Error(`${name} ${where}`);
  };
}

/** Base class of Worker entrypoints. Keeps ctx and env like the real one. */
export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/** Base class of Durable Objects. Keeps ctx and env like the real one. */
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/** Base class of Workflow entrypoints. */
export class WorkflowEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/** Marker base class for objects passed by reference over Workers RPC; on
 * Node a plain object with the same methods does the job. */
export class RpcTarget {}

/** The Worker's bindings: none on Node. */
export const env = Object.freeze({});

export const waitUntil = unavailable('waitUntil');

// cloudflare:sockets
export const connect = unavailable('connect (cloudflare:sockets)');

// cloudflare:email
export class EmailMessage {
  constructor() {
    throw new Error(`EmailMessage ${where}`);
  }
}

export default {
  WorkerEntrypoint,
  DurableObject,
  WorkflowEntrypoint,
  RpcTarget,
  env,
  waitUntil,
  connect,
  EmailMessage,
};
