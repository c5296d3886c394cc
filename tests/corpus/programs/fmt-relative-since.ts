async () => {
  const { items } = await codemode.listIssues({ perPage: 12 });
  const now = new Date('2024-06-17T12:00:00Z').getTime();
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const rtfShort = new Intl.RelativeTimeFormat('en', { style: 'short' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 864e5], ['month', 30 * 864e5], ['week', 7 * 864e5], ['day', 864e5], ['hour', 36e5],
  ];
  function ago(iso: string) {
    const diff = new Date(iso).getTime() - now;
    for (const [u, ms] of units) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), u);
    return rtf.format(0, 'second');
  }
  const rows = items.map((i) => `#${i.number} ${i.state.padEnd(6)} ${ago(i.created_at)}`);
  console.log(rows.join('\n'));
  const extra = [rtf.format(-1, 'day'), rtf.format(1, 'day'), rtf.format(0, 'year'), rtf.format(-1, 'quarter'),
    rtfShort.format(-3, 'month'), rtfShort.format(2, 'hours'), rtf.format(1.5, 'hour')];
  const parts = rtf.formatToParts(-10, 'minute').map((p) => p.type + ':' + p.value);
  return { rows, extra, parts };
}
