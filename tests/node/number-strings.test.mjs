// Differential test: number-to-string (shortest round trip, ties to even)
// and well-formed JSON.stringify inside the guest equal node's. The values
// are compared as strings made in the program, so nothing here depends on
// how numbers cross the supervisor.
// Runs in: node:test. Input: $CODECELL_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { CodecellExecutor } from 'codecell-codemode';
import { codecellBin } from './helpers.mjs';

const ex = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 20000 });

async function both(code) {
  const want = await vm.runInThisContext(code)();
  const r = await ex.execute(code, []);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, want);
}

test('String(x) of ties and edge values', async () => {
  // Decimal ties at the 17th digit (1e15 + 0.3 is ...0.25 exactly) and a
  // seeded sweep of doubles that sit near such ties.
  await both(`async () => {
    const xs = [1e15 + 0.3, 1e15 + 0.1, 1e15 + 0.7, 2e15 + 0.5, 9007199254740993, 0.1 + 0.2, 1 / 3, 5e-324,
      1.7976931348623157e308, 2 ** -1074 * 3, 123456789012345680000, 1e21, 1e-7, -0, 4.35, 0.000001, 1e15 + 0.25];
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 400; i++) xs.push(Math.floor(rnd() * 1e6) * 1e9 + Math.floor(rnd() * 8) / 4);
    for (let i = 0; i < 200; i++) xs.push((rnd() - 0.5) * Number('1e' + Math.floor(rnd() * 40 - 20)));
    return xs.map((x) => String(x) + '|' + x.toString() + '|' + JSON.stringify(x));
  }`);
});

test('JSON.stringify is well-formed (lone surrogates escaped, U+2028 raw)', async () => {
  await both(`async () => {
    const v = ['ab\\uD800c', '\\u2028\\u2029', '\\uDC00x', '\\uD83D\\uDE00', 'e\\u0007', '\\\\u2028', { ['k\\uD800']: 1 }];
    const out = [JSON.stringify(v), JSON.stringify('\\uD800', null, 2), JSON.stringify({ a: '\\uDFFF\\uD800' })];
    return out.map((s) => Array.from(s, (c) => c.charCodeAt(0).toString(16)).join(' '));
  }`);
});

test('lone surrogates cross the supervisor both ways as JSON escapes', async () => {
  // The result, a tool's arguments and a tool's reply: the strings the
  // program and the host made arrive unchanged (JSON allows the escape of an
  // unpaired surrogate; node's JSON.stringify writes it). A log line is
  // text, written as UTF-8, so a lone surrogate there is U+FFFD, as node's
  // console.log writes it to stdout.
  const seen = [];
  const tools = {
    echo: async (a) => { seen.push(a); return { ...a, extra: 'z\uDBFF', key: { ['\uDC00k']: 1 } }; },
  };
  const code = `async () => {
    const s = '😀x'.at(0);
    const back = await codemode.echo({ s, low: '\\uDC00', pair: '😀', esc: '\\\\ud83d' });
    console.log(s + '|' + back.extra);
    return { s, back, ok: back.s === s && back.extra === 'z\\uDBFF' && Object.keys(back.key)[0] === '\\uDC00k' };
  }`;
  const r = await ex.execute(code, tools);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(seen, [{ s: '\uD83D', low: '\uDC00', pair: '😀', esc: '\\ud83d' }]);
  assert.deepEqual(r.result, {
    s: '\uD83D',
    back: { s: '\uD83D', low: '\uDC00', pair: '😀', esc: '\\ud83d', extra: 'z\uDBFF', key: { '\uDC00k': 1 } },
    ok: true,
  });
  assert.deepEqual(r.logs, ['\uFFFD|z\uFFFD']);
});
