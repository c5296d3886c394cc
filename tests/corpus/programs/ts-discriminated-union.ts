type Shape =
  | { kind: 'circle'; radius: number }
  | { kind: 'rect'; width: number; height: number }
  | { kind: 'triangle'; base: number; height: number };

type Event =
  | { type: 'order.created'; orderId: string; total: number }
  | { type: 'order.refunded'; orderId: string; reason?: string }
  | { type: 'user.signup'; userId: number; plan: string };

function assertNever(x: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(x)}`);
}

function area(s: Shape): number {
  switch (s.kind) {
    case 'circle': return Math.PI * s.radius ** 2;
    case 'rect': return s.width * s.height;
    case 'triangle': return (s.base * s.height) / 2;
    default: return assertNever(s);
  }
}

function summarize(e: Event): string {
  switch (e.type) {
    case 'order.created':
      return `order ${e.orderId} for ${e.total.toFixed(2)}`;
    case 'order.refunded':
      return `refund ${e.orderId}${e.reason ? ` (${e.reason})` : ''}`;
    case 'user.signup':
      return `user #${e.userId} on ${e.plan}`;
    default:
      return assertNever(e);
  }
}

async () => {
  const { items: orders } = await codemode.listOrders({ pageSize: 8 });
  const { items: users } = await codemode.listUsers({ pageSize: 3 });
  const events: Event[] = [
    ...orders.map((o: any): Event => o.status === 'refunded'
      ? { type: 'order.refunded', orderId: o.id, reason: o.total > 300 ? 'too expensive' : undefined }
      : { type: 'order.created', orderId: o.id, total: o.total }),
    ...users.map((u: any): Event => ({ type: 'user.signup', userId: u.id, plan: u.plan })),
  ];
  const lines = events.map(summarize);
  lines.slice(0, 4).forEach((l) => console.log(l));
  const shapes: Shape[] = [
    { kind: 'circle', radius: 2 },
    { kind: 'rect', width: 3, height: 4.5 },
    { kind: 'triangle', base: 10, height: 3 },
  ];
  let bad: string | null = null;
  try {
    area({ kind: 'hexagon', side: 1 } as unknown as Shape);
  } catch (e) {
    bad = (e as Error).message;
  }
  const counts: Partial<Record<Event['type'], number>> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return { lines, areas: shapes.map((s) => Number(area(s).toFixed(3))), bad, counts };
}
