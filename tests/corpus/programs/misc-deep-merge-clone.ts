type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function deepMerge<T extends Record<string, unknown>>(target: T, ...sources: Array<Record<string, unknown>>): T {
  for (const src of sources) {
    for (const [key, value] of Object.entries(src)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      const cur = (target as Record<string, unknown>)[key];
      if (isPlainObject(cur) && isPlainObject(value)) deepMerge(cur, value);
      else if (Array.isArray(cur) && Array.isArray(value)) (target as any)[key] = [...new Set([...cur, ...value])];
      else (target as any)[key] = isPlainObject(value) ? deepMerge({}, value) : value;
    }
  }
  return target;
}

function deepClone<T>(value: T, seen = new WeakMap<object, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Map) {
    const m = new Map();
    seen.set(value, m);
    value.forEach((v, k) => m.set(k, deepClone(v, seen)));
    return m as T;
  }
  const out: any = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const key of Reflect.ownKeys(value)) out[key] = deepClone((value as any)[key], seen);
  return out;
}

function diffPaths(a: Json, b: Json, path = ''): string[] {
  if (a === b) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [path || '.'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => diffPaths((a as any)[k] ?? null, (b as any)[k] ?? null, `${path}.${k}`));
}

async () => {
  const base = await codemode.getConfig();
  const overrides = JSON.parse('{"features":{"darkMode":true,"newNav":true},"limits":{"rpm":1200},"regions":["ap-south-1","us-east-1"],"__proto__":{"polluted":true},"owner":"platform"}');
  const merged = deepMerge(deepClone(base), overrides, { limits: { burst: 75 } });
  const sym = Symbol('meta');
  const original: any = { when: new Date(Date.UTC(2024, 5, 1)), lookup: new Map([['a', { n: 1 }]]), list: [1, [2, 3]], [sym]: 'tagged' };
  original.self = original;
  const copy = deepClone(original);
  copy.lookup.get('a').n = 99;
  copy.list[1].push(4);
  console.log(JSON.stringify(merged));
  return {
    merged,
    baseUntouched: base.features.darkMode === false && !('newNav' in base.features),
    polluted: ({} as any).polluted ?? null,
    mergedHasPolluted: 'polluted' in merged,
    diff: diffPaths(base as Json, merged as Json),
    clone: {
      cycle: copy.self === copy,
      dateCopied: copy.when !== original.when && copy.when.getTime() === original.when.getTime(),
      mapIndependent: original.lookup.get('a').n,
      listIndependent: original.list[1],
      symbol: copy[sym],
    },
  };
}
