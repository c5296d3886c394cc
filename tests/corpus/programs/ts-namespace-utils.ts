namespace Money {
  export const DEFAULT_CURRENCY = 'USD';
  export function round(n: number, digits = 2): number {
    const f = 10 ** digits;
    return Math.round(n * f) / f;
  }
  export namespace Format {
    export function usd(n: number): string {
      return `$${round(n).toFixed(2)}`;
    }
    export const separator = ' | ';
  }
}

namespace Money {
  // A second block merges into the same namespace object.
  export function sum(xs: number[]): number {
    return round(xs.reduce((a, b) => a + b, 0));
  }
}

enum Tier { Bronze, Silver, Gold }
namespace Tier {
  export function of(total: number): Tier {
    return total >= 500 ? Tier.Gold : total >= 200 ? Tier.Silver : Tier.Bronze;
  }
}

async () => {
  const { items } = await codemode.listOrders({ status: 'paid', pageSize: 50 });
  const byUser = new Map<number, number[]>();
  for (const o of items) {
    const list = byUser.get(o.userId) ?? [];
    list.push(o.total);
    byUser.set(o.userId, list);
  }
  const rows = [...byUser.entries()]
    .map(([userId, totals]) => ({ userId, total: Money.sum(totals), tier: Tier[Tier.of(Money.sum(totals))] }))
    .sort((a, b) => b.total - a.total || a.userId - b.userId);
  for (const r of rows.slice(0, 3)) console.log([r.userId, Money.Format.usd(r.total), r.tier].join(Money.Format.separator));
  return {
    currency: Money.DEFAULT_CURRENCY,
    nsKeys: Object.keys(Money).sort(),
    formatKeys: Object.keys(Money.Format),
    tierKeys: Object.keys(Tier),
    top: rows.slice(0, 5),
    tiers: rows.reduce<Record<string, number>>((acc, r) => ((acc[r.tier] = (acc[r.tier] ?? 0) + 1), acc), {}),
  };
}
