// Module-resolution hooks that map every `cloudflare:*` specifier (e.g.
// `cloudflare:workers`) to ./cloudflare-stub.js. Runs in: Node's module
// loader thread, installed by ./register.js. Input: import specifiers.

const STUB_URL = new URL('./cloudflare-stub.js', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('cloudflare:')) {
    return { url: STUB_URL, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
