// Binary values across the tool bridge (issue 13, docs/PROTOCOL.md "Binary
// values"): Uint8Array, Buffer and ArrayBuffer arguments and results survive
// the round trip through the real supervisor, and a program observes what it
// would in node with the same tools in-process (node is the oracle).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { CodecellExecutor } from 'codecell-codemode';
import { wireReplacer, fromWire } from '../../clients/node/src/wire.js';
import { codecellBin, liveChildren } from './helpers.mjs';

const ex = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 20000 });
after(() => assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run'));

function tools(seen) {
  return {
    name: 'codemode',
    fns: {
      bytes: async () => new Uint8Array([0, 1, 254, 255]),
      buffer: async () => Buffer.from('héllo'),
      arrayBuffer: async () => new Uint8Array([9, 8, 7]).buffer,
      nested: async () => ({ list: [new Uint8Array([1]), { deep: Buffer.alloc(0) }], n: 1 }),
      lookalike: async () => ({ $bytes: 'not a tag', $$bytes: 2, '$bytesX': 3 }),
      big: async ({ n }) => new Uint8Array(n).fill(7),
      take: async (...args) => {
        seen.push(args);
        return args.map((a) => (a instanceof Uint8Array ? Array.from(a) : a));
      },
    },
  };
}

// What a program sees, described in JSON terms both engines print alike.
const PROGRAM = `async () => {
  const d = (v) => v instanceof Uint8Array
    ? { u8: Array.from(v), ctor: Object.getPrototypeOf(v) === Uint8Array.prototype, len: v.byteLength }
    : v;
  const b = await codemode.bytes();
  const s = await codemode.buffer();
  const ab = await codemode.arrayBuffer();
  const n = await codemode.nested();
  const l = await codemode.lookalike();
  return { b: d(b), s: new TextDecoder().decode(s), ab: ab instanceof Uint8Array || ab instanceof ArrayBuffer,
           n: [d(n.list[0]), d(n.list[1].deep), n.n], l: Object.keys(l), lv: l.$bytes };
}`;

test('a program observes the bytes a tool returns as node does in-process', async () => {
  const r = await ex.execute(PROGRAM, [tools([])]);
  assert.equal(r.error, undefined, r.error);
  // The oracle: the same program with the same tools, in this process.
  const t = tools([]);
  const codemode = t.fns;
  const fn = new Function('codemode', `return (${PROGRAM})();`);
  const want = await fn(codemode);
  // In-process, a Buffer stays a Buffer (prototype Buffer.prototype) and an
  // ArrayBuffer stays one; across the bridge both are Uint8Arrays (the
  // documented mapping), so the prototype test is the one difference.
  want.n[1].ctor = true;
  assert.deepEqual(r.result, want);
});

test('Uint8Array, Buffer and ArrayBuffer arguments reach the tool as Uint8Array', async () => {
  const seen = [];
  const r = await ex.execute(`async () => codemode.take(new Uint8Array([1, 2, 3]), Buffer.from('ab'),
    new Uint8Array([5, 6, 7, 8]).subarray(1, 3), new Uint8Array([4]).buffer, { $bytes: 'user', k: new Uint8Array(2) })`,
  [tools(seen)]);
  assert.equal(r.error, undefined, r.error);
  const [a, b, c, d, e] = seen[0];
  for (const x of [a, b, c, d, e.k]) assert.ok(x instanceof Uint8Array, 'a Uint8Array');
  assert.deepEqual([a, b, c, d].map((x) => Array.from(x)), [[1, 2, 3], [97, 98], [6, 7], [4]]);
  assert.deepEqual(Object.keys(e), ['$bytes', 'k']);
  assert.equal(e.$bytes, 'user');
  assert.deepEqual(r.result.slice(0, 4), [[1, 2, 3], [97, 98], [6, 7], [4]]);
});

test('the program result: bytes come back as a Uint8Array, lookalike keys as written', async () => {
  const r = await ex.execute(`async () => ({ data: new Uint8Array([104, 105]), buf: Buffer.from([1]),
    obj: { $bytes: 'x', $$bytes: 'y' } })`, []);
  assert.equal(r.error, undefined, r.error);
  assert.ok(r.result.data instanceof Uint8Array && !Buffer.isBuffer(r.result.data));
  assert.deepEqual(Array.from(r.result.data), [104, 105]);
  assert.deepEqual(Array.from(r.result.buf), [1]);
  assert.deepEqual(r.result.obj, { $bytes: 'x', $$bytes: 'y' });
});

test('big values: within the frame limit they pass, past it the program gets a RangeError', async () => {
  // 600,000 bytes are 800,000 characters of base64, under the 1 MiB frame.
  const r = await ex.execute(`async () => {
    const b = await codemode.big({ n: 600000 });
    let sum = 0; for (let i = 0; i < b.length; i++) sum += b[i];
    let over;
    try { await codemode.big({ n: 900000 }); } catch (e) { over = e.name + ': ' + e.message; }
    return { len: b.length, sum, over };
  }`, [tools([])]);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.result.len, 600000);
  assert.equal(r.result.sum, 7 * 600000);
  assert.match(r.result.over, /^RangeError: .*frame limit/);
  const big = await ex.execute('async () => new Uint8Array(600000).fill(1)', []);
  assert.equal(big.error, undefined, big.error);
  assert.equal(big.result.length, 600000);
  const tooBig = await ex.execute('async () => new Uint8Array(900000)', []);
  assert.match(tooBig.error, /too large/);
});

test('the wire form: tags and escaped keys, and malformed tags refused', () => {
  const text = JSON.stringify({ a: new Uint8Array([1, 2]), b: Buffer.from([3]), $bytes: 1, $$bytes: 2, c: { $bytes: 'z' } },
    wireReplacer);
  assert.equal(text, '{"a":{"$bytes":"AQI="},"b":{"$bytes":"Aw=="},"$$bytes":1,"$$$bytes":2,"c":{"$$bytes":"z"}}');
  assert.deepEqual(fromWire(JSON.parse(text)).c, { $bytes: 'z' });
  assert.throws(() => fromWire({ $bytes: '!!' }), /malformed/);
  assert.throws(() => fromWire({ $bytes: 'AA==', other: 1 }), /malformed/);
  const proto = fromWire(JSON.parse('{"__proto__":{"$bytes":"AQ=="},"$$bytes":1}'));
  assert.ok(Object.prototype.hasOwnProperty.call(proto, '__proto__'));
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
});

test('onResult sees the wire form; the result is decoded', async () => {
  let seen;
  const r = await ex.execute('async () => ({ data: new Uint8Array([1]) })', [], { onResult: (m) => { seen = m; } });
  assert.equal(r.error, undefined, r.error);
  assert.ok(r.result.data instanceof Uint8Array);
  assert.deepEqual(seen.value, { data: { $bytes: 'AQ==' } });
});
