// Side-effect module: installs the `cloudflare:*` resolution hook.
export {};
