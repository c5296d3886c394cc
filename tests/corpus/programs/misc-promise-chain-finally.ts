async () => {
  const trail: string[] = [];
  const v1 = await codemode.getUser({ id: 2 })
    .then((u) => { trail.push(`got ${u.name}`); return u.id; })
    .finally(() => { trail.push('finally 1'); return 'ignored'; })
    .then((id) => id * 10);
  const v2 = await codemode.getUser({ id: 0 })
    .then(() => 'unreachable')
    .catch((e) => { trail.push(`caught ${e.message}`); return 'recovered'; })
    .finally(() => trail.push('finally 2'));
  const v3 = await Promise.resolve('orig').finally(() => { throw new Error('finally threw'); }).catch((e) => e.message);
  const v4 = await Promise.reject(new Error('first')).finally(() => Promise.reject(new Error('second'))).catch((e) => e.message);
  const thenable = { then(res: (v: string) => void) { trail.push('thenable.then called'); res('from thenable'); } };
  const v5 = await thenable;
  const v6 = await Promise.resolve(thenable);
  const v7 = await (async () => thenable)();
  const v8 = await Promise.all([1, Promise.resolve(2), thenable]);
  const p = Promise.resolve(1);
  const same = [Promise.resolve(p) === p, new Promise((r) => r(p)) === p];
  const nonFn = await Promise.resolve(5).then(null as any).then(undefined).then((x) => x + 1);
  const chained = await [1, 2, 3].reduce((acc, n) => acc.then((sum) => codemode.getUser({ id: n }).then((u) => sum + u.name.length)), Promise.resolve(0));
  const seq: string[] = [];
  const a = Promise.resolve().then(() => seq.push('a1')).then(() => seq.push('a2'));
  const b = Promise.resolve().then(() => seq.push('b1')).then(() => seq.push('b2'));
  await Promise.all([a, b]);
  const executorThrow = await new Promise(() => { throw new TypeError('in executor'); }).catch((e) => `${e.name}: ${e.message}`);
  const resolvedTwice = await new Promise((res, rej) => { res('first'); res('second'); rej(new Error('late')); });
  console.log(trail);
  return { v1, v2, v3, v4, v5, v6, v7, v8, same, nonFn, chained, seq, executorThrow, resolvedTwice, trail };
}
