async () => {
  const rates = (await codemode.getExchangeRates({ base: 'USD' })).rates;
  class Money {
    constructor(readonly cents: number, readonly cur: string) {}
    [Symbol.toPrimitive](hint: 'number' | 'string' | 'default') {
      if (hint === 'number') return this.cents / 100;
      if (hint === 'string') return `${(this.cents / 100).toFixed(2)} ${this.cur}`;
      return `Money(${this.cents}${this.cur})`;
    }
    to(cur: string) { return new Money(Math.round(this.cents * rates[cur] / rates[this.cur]), cur); }
  }
  class Temp { constructor(private c: number) {} valueOf() { return this.c; } toString() { return `${this.c}°C`; } }
  const m = new Money(12345, 'USD');
  const conversions = Object.keys(rates).map((c) => `${m.to(c)}`);
  const hints = [`${m}`, m + '', +m, m * 2, String(m), [m] + '', m > 100, JSON.stringify({ m }), Number(m), Math.max(m as any, 5)];
  const t = new Temp(21);
  const temps = [`${t}`, t + '', t + 1, t > 20, String(t), [t, t].join('|'), `${[t]}`];
  const dateHints = [new Date(0) + 0, +new Date(0), `${new Date(86400000).getUTCDate()}`];
  const weird = [[] + [], [] + {}, [1] == 1 as any, [2] * [3] as any, null + 1 as any, undefined + 1, true + true as any, '3' * '4' as any, '5' - - '2' as any, {} + 'x'];
  let err = '';
  try { `${{ [Symbol.toPrimitive]: () => ({}) }}`; } catch (e) { err = `${(e as Error).name}: ${(e as Error).message}`; }
  let symErr = '';
  try { '' + (Symbol('s') as any); } catch (e) { symErr = (e as Error).name; }
  console.log(conversions.join(' | '));
  return { conversions, hints, temps, dateHints, weird, err, symErr };
}
