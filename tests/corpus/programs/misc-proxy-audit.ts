async () => {
  const cfg = await codemode.getConfig();
  const reads: string[] = [];
  function audited<T extends object>(target: T, path = 'cfg'): T {
    return new Proxy(target, {
      get(t, key, recv) {
        const v = Reflect.get(t, key, recv);
        if (typeof key === 'string') reads.push(`${path}.${key}`);
        return v && typeof v === 'object' ? audited(v, `${path}.${String(key)}`) : v;
      },
      set(t, key, value) {
        if (typeof value !== typeof (t as any)[key] && (t as any)[key] !== null) throw new TypeError(`${String(key)} must be ${typeof (t as any)[key]}`);
        return Reflect.set(t, key, value);
      },
      has(t, key) { return key in t && !String(key).startsWith('_'); },
      deleteProperty() { return false; },
      ownKeys(t) { return Reflect.ownKeys(t).filter((k) => k !== 'owner'); },
    });
  }
  const c = audited(cfg);
  const rpm = c.limits.rpm;
  const beta = c.features.beta;
  const regions = c.regions.map((r: string) => r.toUpperCase());
  const errs: string[] = [];
  try { (c.limits as any).rpm = 'fast'; } catch (e) { errs.push((e as Error).message); }
  c.limits.burst = 75;
  try { 'use strict'; delete (c as any).version; errs.push('deleted ok?' + ('version' in cfg)); } catch (e) { errs.push(`${(e as Error).name}: ${(e as Error).message}`); }
  const keys = Object.keys(c);
  const has = ['version' in c, 'owner' in c, '_x' in c];
  const neg = new Proxy([] as number[], { get: (t, k) => (typeof k === 'string' && /^-\d+$/.test(k) ? t[t.length + Number(k)] : Reflect.get(t, k)) });
  neg.push(1, 2, 3);
  console.log(reads.slice(0, 12));
  return { rpm, beta, regions, errs, burst: cfg.limits.burst, keys, has, neg: (neg as any)[-1], len: neg.length, reflect: [Reflect.has(cfg, 'owner'), Reflect.ownKeys(cfg.limits), Reflect.apply(Math.max, null, [1, 5, 2])] };
}
