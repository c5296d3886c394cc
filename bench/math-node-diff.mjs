// bench/math-node-diff.mjs: how often codecell's Math functions give a
// different double than node 20's, over the same 2,000 pseudo-random
// arguments per function (a fixed seed; ranges where each is used). V8's
// are ports of fdlibm; Duktape calls the C library's (glibc), and the
// functions Duktape lacks are guest/runtime/math.js. A difference is
// almost always the last bit; what counts here is any difference at all,
// since a program that prints an unrounded double shows it.
// usage: node bench/math-node-diff.mjs [CODECELL]   (default build/supervisor/codecell)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const codecell = process.argv[2] || path.join(root, 'build/supervisor/codecell');
const N = 2000;
const program = `async () => {
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const fns = {
    exp: (x) => Math.exp(x * 20 - 10), log: (x) => Math.log(x * 1000), pow: (x) => Math.pow(1 + x, 12.5),
    sin: (x) => Math.sin(x * 100), cos: (x) => Math.cos(x * 100), tan: (x) => Math.tan(x * 3),
    asin: (x) => Math.asin(x * 2 - 1), acos: (x) => Math.acos(x * 2 - 1), atan: (x) => Math.atan(x * 20 - 10),
    atan2: (x) => Math.atan2(x - 0.5, 0.3), sqrt: (x) => Math.sqrt(x * 1e6), cbrt: (x) => Math.cbrt(x * 1000),
    hypot: (x) => Math.hypot(x * 10, 3), log10: (x) => Math.log10(x * 1e5), log2: (x) => Math.log2(x * 1e5),
    expm1: (x) => Math.expm1(x - 0.5), log1p: (x) => Math.log1p(x - 0.5), sinh: (x) => Math.sinh(x * 4 - 2),
    cosh: (x) => Math.cosh(x * 4 - 2), tanh: (x) => Math.tanh(x * 4 - 2), asinh: (x) => Math.asinh(x * 10),
    acosh: (x) => Math.acosh(1 + x * 10), atanh: (x) => Math.atanh(x * 1.98 - 0.99),
  };
  const out = {};
  for (const [k, f] of Object.entries(fns)) {
    const r = [];
    for (let i = 0; i < ${N}; i++) r.push(f(rnd()));
    out[k] = r;
  }
  return out;
}`;
const ours = JSON.parse(execFileSync(codecell, ['run', '-'], { input: program, encoding: 'utf8', maxBuffer: 1 << 26,
  stdio: ['pipe', 'pipe', 'ignore'] }));
const node = await (0, eval)(program)();
console.log(`| function | differs from node 20 (of ${N}) |`);
console.log('|---|---|');
for (const k of Object.keys(node)) {
  const d = node[k].filter((v, i) => !Object.is(v, ours[k][i])).length;
  console.log(`| ${k} | ${d} |`);
}
