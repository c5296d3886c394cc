async () => {
  const u = await codemode.getUser({ id: 4 });
  console.log('%s is %d years and %i days', u.name, 41.9, 12.7);
  console.log('%s has id %d', u.name);
  console.log('%d%%', 95, 'done');
  console.log('100%', 'literal', '%', '%%');
  console.log('%% alone');
  console.log('%s', { nested: { deep: { deeper: 1 } } }, ['a']);
  console.log('%s|%s|%s|%s|%s', null, undefined, true, -0, Symbol('s'));
  console.log('%s', [1, [2, [3, [4]]]], '%s', new Map([[1, 2]]));
  console.log('%s', new Date(Date.UTC(2023, 4, 6)), '%s', new Error('as string').message);
  class WithToString { toString() { return 'custom!'; } }
  class Plain { a = 1; }
  console.log('%s %s %s', new WithToString(), new Plain(), { toString() { return 'own'; } });
  console.log('%d %d %d %d %d %d', '42', '4.5e1', {}, [7], null, undefined);
  console.log('%i %i %i %i', '42.9px', -3.9, 'x', 1e21);
  console.log('%f %f %f %f', '3.14abc', 'abc', 1e-7, -0);
  console.log('%j %j %j', { a: [1, 'two'] }, 'str', undefined);
  const circ: any = { n: 1 };
  circ.me = circ;
  console.log('%j', circ);
  console.log('%o', { a: 1, b: 'two' });
  console.log('%O', { a: { b: { c: { d: { e: 1 } } } } });
  console.log('%o', { a: { b: { c: { d: { e: { f: 1 } } } } } });
  console.log('%O', [1, 2], '%O', 'x');
  class Temperature { unit = 'C'; constructor(private c: number) {} get fahrenheit() { return this.c * 1.8 + 32; } }
  console.log('%o and %o', [10, 20, 30], new Temperature(21), [1]);
  console.log('%o', Object.defineProperty({ shown: 1 }, 'hidden', { value: 'h' }));
  console.log('%c styled %c text', 'color: red', 'font-weight: bold', 'after');
  console.log('%x %s', 'unknown-spec');
  console.log('%s:%s', 'a');
  console.log('no specifiers', 1, 'two', { three: 3 });
  console.log(5, '%s', 'first arg not a string');
  console.log('%s', 'a\nb', 'c\nd');
  console.log('', '');
  console.log();
  console.log('%s%s', 'x');
  console.info('info %s', 'line');
  console.debug('debug', 1);
  console.warn('warn %d', 3);
  console.error('error:', { code: 'E_FAIL', detail: [1, 2] });
  return u.name;
}
