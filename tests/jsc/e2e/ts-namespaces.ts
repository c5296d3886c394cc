// TypeScript namespaces lowered as tsc emits them: an IIFE over `var N`, exports copied onto N, nested and dotted namespaces, a later block seeing an earlier block's exports, and merging with an enum, a function and a class. NAME.expected is what tsc's output printed on node (node cannot run the .ts itself).
namespace Money {
  export const CURRENCY = 'USD';
  const factor = 100;
  export function round(n: number): number { return Math.round(n * factor) / factor; }
  export namespace Format {
    export const sep = ' | ';
    export function usd(n: number) { return '$' + round(n).toFixed(2); }
  }
  export class Wallet {
    constructor(public cents: number) {}
    get dollars() { return round(this.cents / factor); }
  }
  export enum Kind { Cash, Card = 5 }
  export interface Shape { x: number }
  export type Alias = string;
  export declare const ambient: number;
  namespace Hidden { export const secret = 42; }
  export const hiddenSeen = typeof Hidden;
}
namespace Money {
  export function sum(xs: number[]) { return round(xs.reduce((a, b) => a + b, 0)); }
  export const viaEarlier = CURRENCY.toLowerCase();
}
namespace A.B.C {
  export const deep = 'abc';
}
namespace A.B {
  export const mid = C.deep.toUpperCase();
}
enum Color { Red, Green }
namespace Color {
  export function parse(s: string): Color { return (Color as any)[s]; }
}
function greet(n: string) { return 'hi ' + n + greet.punct; }
namespace greet { export const punct = '!'; }
class Registry { static size() { return Registry.items.length; } }
namespace Registry { export const items = ['a', 'b']; }
module Legacy { export const ok = true; }

console.log(Object.keys(Money).join(','));
console.log(Money.Format.usd(1234.567), Money.sum([0.1, 0.2]), Money.viaEarlier, Money.hiddenSeen);
console.log(new Money.Wallet(1999).dollars, Money.Kind.Card, Money.Kind[0], (Money as any).Hidden, (Money as any).factor);
console.log(A.B.C.deep, A.B.mid, Object.keys(A.B).join(','));
console.log(Color.parse('Green'), Object.keys(Color).join(','));
console.log(greet('x'), Registry.size(), Legacy.ok);
(Money as any).extra = 1;
namespace Money { export const afterExtra = Object.keys(Money).length; }
console.log(Money.afterExtra);
