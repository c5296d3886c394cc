// Installs the `cloudflare:*` -> stub resolution hook (./cloudflare-hooks.js)
// so @cloudflare/codemode can be imported on Node.
// Runs in: the host's Node process, once, before codemode is imported.
// Use it as `node --import codecell-codemode/register app.js`, or import it
// and then load codemode with a dynamic `await import(...)`: a static import
// of codemode in the same module is resolved before this file runs.
import { register } from 'node:module';

register('./cloudflare-hooks.js', import.meta.url);
