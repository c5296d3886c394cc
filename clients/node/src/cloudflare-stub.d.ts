// Types of the stand-ins codecell-codemode/register maps `cloudflare:*` to.
export declare class WorkerEntrypoint<Env = unknown> {
  constructor(ctx: unknown, env: Env);
  ctx: unknown;
  env: Env;
}
export declare class DurableObject<Env = unknown> {
  constructor(ctx: unknown, env: Env);
  ctx: unknown;
  env: Env;
}
export declare class WorkflowEntrypoint<Env = unknown> {
  constructor(ctx: unknown, env: Env);
  ctx: unknown;
  env: Env;
}
export declare class RpcTarget {}
export declare const env: Readonly<Record<string, never>>;
/** Throws: there is no Workers runtime on Node. */
export declare function waitUntil(promise: Promise<unknown>): never;
/** Throws: there is no Workers runtime on Node. */
export declare function connect(address: unknown, options?: unknown): never;
/** Throws when constructed: there is no Workers runtime on Node. */
export declare class EmailMessage {
  constructor(from: string, to: string, raw: unknown);
}
declare const _default: {
  WorkerEntrypoint: typeof WorkerEntrypoint;
  DurableObject: typeof DurableObject;
  WorkflowEntrypoint: typeof WorkflowEntrypoint;
  RpcTarget: typeof RpcTarget;
  env: typeof env;
  waitUntil: typeof waitUntil;
  connect: typeof connect;
  EmailMessage: typeof EmailMessage;
};
export default _default;
