// lower_strbuild: `s += piece` in loops is collected in a piece list once s
// is long. Every way a program can observe s must print what node prints.
function h(s) {
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619) >>> 0;
  return s.length + ':' + x.toString(16);
}

function rows(n) {
  let out = '';
  for (let i = 0; i < n; i++) out += 'row ' + i + ',' + (i * 7 % 13) + '\n';
  return out;
}
console.log('rows', h(rows(10)), h(rows(300)), h(rows(20000)));

function tiny(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + i % 26);
  return s;
}
console.log('tiny', h(tiny(100000)), tiny(100000).slice(4090, 4110));

function numberStart() {
  let s = 0;
  for (let i = 0; i < 600; i++) s += 'ab';
  let t = 5;
  for (let i = 0; i < 3; i++) t += i;
  return h(s) + ' ' + s.slice(0, 5) + ' ' + t;
}
console.log('number start', numberStart());

function toPrimitive() {
  let s = '';
  const o = { valueOf() { return 1; }, toString() { return 'x'; } };
  const p = { toString() { return 'T'; } };
  const q = { [Symbol.toPrimitive](hint) { return hint; } };
  for (let i = 0; i < 1500; i++) s += i % 3 === 0 ? o : i % 3 === 1 ? p : q;
  for (let i = 0; i < 5; i++) s += [null, undefined, true, 1.5, [1, [2, 3]]][i] + '';
  return h(s) + ' ' + s.slice(0, 12) + ' ' + s.slice(-40);
}
console.log('toPrimitive', toPrimitive());

function throwsMidway() {
  let s = '';
  try {
    for (let i = 0; i < 3000; i++) {
      if (i === 2500) s += Symbol('no');
      s += 'p' + i;
    }
  } catch (e) {
    return e.constructor.name + ' ' + h(s) + ' ' + s.slice(-10);
  }
}
console.log('throws', throwsMidway());

function calleeThrows() {
  let s = '';
  const f = (i) => { if (i === 2000) throw new RangeError('at ' + i); return 'v' + i; };
  try {
    for (let i = 0; i < 3000; i++) s += f(i);
  } catch (e) {
    s += '|' + e.message;
  }
  return h(s) + ' ' + s.slice(-20);
}
console.log('callee throws', calleeThrows());

function finallyReads() {
  let s = '', seen = '';
  function inner() {
    try {
      for (let i = 0; i < 2000; i++) {
        s += 'q' + i;
        if (i === 1500) return 'early';
      }
    } finally {
      seen = h(s);
    }
  }
  return inner() + ' ' + seen;
}
console.log('finally', finallyReads());

function returnInLoop() {
  let s = '';
  for (let i = 0; ; i++) {
    s += 'z' + i;
    if (i === 1800) return 'returned';
  }
}
console.log('return', returnInLoop());

function labels() {
  let s = '', t = '';
  outer: for (let i = 0; i < 50; i++) {
    for (let j = 0; j < 100; j++) {
      s += i + '.' + j + ';';
      if (i === 30 && j === 7) break outer;
      if (j === 60) continue outer;
    }
  }
  inner: for (let i = 0; i < 3000; i++) {
    t += 'k' + i;
    if (i % 7) continue inner;
    if (i === 2800) break inner;
  }
  let u = '';
  block: {
    for (let i = 0; i < 3000; i++) {
      u += 'b' + i;
      if (i === 2222) break block;
    }
    u += 'never';
  }
  return h(s) + ' ' + s.slice(-12) + ' ' + h(t) + ' ' + h(u) + ' ' + u.slice(-6);
}
console.log('labels', labels());

function kinds() {
  let a = '', b = '', c = '', d = '';
  let i = 0;
  while (i < 700) { a += 'w' + i; i++; }
  do { b += 'd' + i; i--; } while (i > 0);
  const o = {};
  for (let k = 0; k < 400; k++) o['key' + k] = k;
  for (const k in o) c += k + '=' + o[k] + '&';
  for (const x of [1, 2, 3].concat(Array.from({ length: 500 }, (_, k) => k))) d += `<${x}>`;
  return [h(a), h(b), h(c), h(d)].join(' ');
}
console.log('kinds', kinds());

function switches() {
  let s = '';
  for (let i = 0; i < 2000; i++) {
    switch (i % 4) {
      case 0: s += 'zero'; break;
      case 1: s += 'one';
      // falls through
      case 2: s += 'two'; break;
      default: continue;
    }
    s += ',';
  }
  return h(s);
}
console.log('switch', switches());

function twoStrings() {
  let html = '<ul>', csv = 'id,name\n';
  for (let i = 0; i < 1200; i++) {
    html += `<li>${i}</li>`;
    csv += i + ',item' + i + '\n';
  }
  html += '</ul>';
  return h(html) + ' ' + h(csv) + ' ' + html.slice(-15);
}
console.log('two', twoStrings());

function readInLoop() {
  let s = '';
  let lens = 0;
  for (let i = 0; i < 1500; i++) {
    s += 'r' + i;
    if (i % 500 === 0) lens += s.length;
  }
  return h(s) + ' ' + lens;
}
console.log('read in loop', readInLoop());

function closure() {
  let s = '';
  const get = () => s.length;
  let seen = 0;
  for (let i = 0; i < 1500; i++) {
    s += 'c' + i;
    if (i === 1000) seen = get();
  }
  return h(s) + ' ' + seen;
}
console.log('closure', closure());

function nested() {
  let s = '';
  for (let i = 0; i < 40; i++) {
    s += '[';
    for (let j = 0; j < 40; j++) s += i * j + (j < 39 ? ',' : '');
    s += ']\n';
  }
  return h(s);
}
console.log('nested', nested());

function* gen() {
  let s = '';
  for (let i = 0; i < 2000; i++) {
    s += 'g' + i;
    if (i % 500 === 0) yield i;
  }
  return h(s);
}
{
  const all = [];
  for (const v of gen()) all.push(v);
  const g = gen();
  g.next(); g.next();
  console.log('generator', all.join(','), JSON.stringify(g.return('stop')), JSON.stringify([...gen()]));
  let r, it = gen();
  while (!(r = it.next()).done);
  console.log('generator result', r.value);
}

function arraySetters() {
  Object.defineProperty(Array.prototype, '1', { set(v) { throw new Error('setter saw ' + v); }, configurable: true });
  Object.defineProperty(Object.prototype, '2', { set(v) { throw new Error('setter saw ' + v); }, configurable: true });
  try {
    let s = '';
    for (let i = 0; i < 3000; i++) s += 'x' + i;
    return h(s);
  } finally {
    delete Array.prototype[1];
    delete Object.prototype[2];
  }
}
console.log('setters', arraySetters());

function surrogates() {
  let s = '';
  for (let i = 0; i < 3000; i++) s += i % 5 === 0 ? '\uD83D' : i % 5 === 1 ? '\uDE00' : i % 5 === 2 ? '😀' : 'é' + i;
  return h(s) + ' ' + s.length + ' ' + s.codePointAt(0).toString(16) + ' ' + s.codePointAt(2).toString(16);
}
console.log('surrogates', surrogates());

async function awaits() {
  const tool = async (i) => (i % 2 ? 'odd' : 'even') + i + ';';
  let s = '';
  for (let i = 0; i < 1500; i++) s += await tool(i);
  let t = '';
  try {
    for (let i = 0; i < 1500; i++) {
      if (i === 1400) await Promise.reject(new TypeError('rejected at ' + i));
      t += await tool(i);
    }
  } catch (e) {
    t += e.message;
  }
  return h(s) + ' ' + h(t) + ' ' + t.slice(-16);
}
awaits().then((v) => console.log('awaits', v));

function plainAssign() {
  let s = '', t = '';
  for (let i = 0; i < 2500; i++) s = s + (i % 3) + ';';
  for (let i = 0; i < 2500; i++) t = t + i + 1;
  let u = 'u';
  for (let i = 0; i < 2500; i++) u = u + (i + 1);
  return h(s) + ' ' + h(t) + ' ' + t.slice(0, 8) + ' ' + h(u);
}
console.log('plain assign', plainAssign());
