async () => {
  const users = (await codemode.listUsers({ pageSize: 4 })).items;
  const team: any = { name: 'core', created: new Date('2024-01-02T03:04:05Z'), members: users, lead: users[0], tags: new Set(['a', 'b']), idx: new Map(users.map((u) => [u.id, u])), re: /x+/gi, nested: [[1, [2, [3]]]], blob: new Uint8Array([1, 2, 3]) };
  team.self = team;
  team.lead.team = team;
  const copy = structuredClone(team);
  const checks = {
    notSame: copy !== team, selfCycle: copy.self === copy, leadShared: copy.lead === copy.members[0], leadBack: copy.lead.team === copy,
    mapShared: copy.idx.get(users[0].id) === copy.lead, dateIsDate: copy.created instanceof Date && copy.created.getTime() === team.created.getTime(),
    set: [...copy.tags], re: [copy.re.source, copy.re.flags, copy.re.lastIndex], typed: [copy.blob.constructor.name, ...copy.blob],
    nested: JSON.stringify(copy.nested),
  };
  class Point { constructor(public x: number, public y: number) {} get len() { return Math.hypot(this.x, this.y); } }
  const p = structuredClone(new Point(3, 4));
  const pInfo = [p instanceof Point, p.constructor === Object, (p as any).len, Object.keys(p)];
  const errCopy = structuredClone(new RangeError('out of range', { cause: 'x' }));
  const errInfo = [errCopy instanceof RangeError, errCopy.name, errCopy.message, (errCopy as any).cause];
  const failures = [() => structuredClone({ f() {} }), () => structuredClone(Symbol('s')), () => structuredClone(new WeakMap())].map((f) => { try { f(); return 'ok'; } catch (e) { return (e as Error).name; } });
  const withUndef = structuredClone({ a: undefined, b: [, 1], c: -0, d: NaN, e: new Boolean(false), big: [1e308 * 10] });
  const getter = structuredClone({ get g() { return 42; } });
  console.log(checks.set, checks.typed);
  return { checks, pInfo, errInfo, failures, withUndef: [Object.keys(withUndef), 0 in withUndef.b, Object.is(withUndef.c, -0), Number.isNaN(withUndef.d), typeof withUndef.e, withUndef.big], getter: Object.getOwnPropertyDescriptor(getter, 'g') };
}
