async () => {
  const { items } = await codemode.listIssues({ perPage: 12 });
  const now = Date.UTC(2024, 5, 17, 12);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const rtfAlways = new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'short' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 365 * 864e5], ['month', 30 * 864e5], ['week', 7 * 864e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];
  const ago = (ts: number, f: Intl.RelativeTimeFormat) => {
    const diff = ts - now;
    for (const [u, ms] of units) if (Math.abs(diff) >= ms || u === 'minute') return f.format(Math.round(diff / ms), u);
    return '';
  };
  const rows = items.map((i) => `#${i.number} ${i.state.padEnd(6)} ${ago(Date.parse(i.created_at), rtf).padEnd(16)} ${ago(Date.parse(i.created_at), rtfAlways)}`);
  console.log(rows.join('\n'));
  const specials = [[-1, 'day'], [0, 'day'], [1, 'day'], [-1, 'week'], [0, 'year'], [2, 'quarter'], [-0, 'second'], [1.5, 'hour']].map(([n, u]) => rtf.format(n as number, u as Intl.RelativeTimeFormatUnit));
  const parts = rtfAlways.formatToParts(-3, 'month');
  const narrow = new Intl.RelativeTimeFormat('en', { style: 'narrow' }).format(5, 'minutes' as any);
  let bad = '';
  try { rtf.format(1, 'fortnight' as any); } catch (e) { bad = (e as Error).name; }
  return { rows, specials, parts, narrow, bad };
}
