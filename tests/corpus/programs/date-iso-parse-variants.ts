async () => {
  const { items } = await codemode.listIssues({ perPage: 5 });
  const inputs = ['2024-06-17T10:30:00Z', '2024-06-17T10:30:00.5Z', '2024-06-17T10:30:00.123456789Z', '2024-06-17T10:30Z', '2024-06-17T10:30:00+05:30', '2024-06-17T10:30:00-0800', '2024-06-17T23:59:60Z', '2024-06-17T24:00:00Z', '2024-06-17T24:00:01Z', '+002024-06-17T00:00:00Z', '-000001-01-01T00:00:00Z', '-000000-01-01T00:00:00Z', '2024-06-17', '2024-06', '2024', '2024-02-29', '2023-02-29', '2024-06-31', '2024-00-10', '20240617', '2024-06-17T10:30:00z', '2024-06-17t10:30:00Z', ' 2024-06-17T10:30:00Z', '2024-06-17T10:30:00.Z'];
  const rows = inputs.map((s) => { const t = Date.parse(s); return `${s.padEnd(32)} ${Number.isNaN(t) ? 'NaN' : new Date(t).toISOString()}`; });
  rows.forEach((r) => console.log(r));
  const ages = items.map((i) => {
    const created = new Date(i.created_at);
    const ref = new Date('2024-06-17T12:00:00Z');
    const days = Math.floor((ref.getTime() - created.getTime()) / 864e5);
    return `#${i.number} ${created.toISOString().slice(0, 10)} ${days}d ${created.getUTCDay()}`;
  });
  const utc = [Date.UTC(2024), Date.UTC(2024, 1), Date.UTC(99, 0, 1), Date.UTC(100, 0, 1), Date.UTC(2024, 13, 1), Date.UTC(2024, 0, 1, 25, 61, 61, 1001), Date.UTC(-1, 0)].map((t) => new Date(t).toISOString());
  const ctor = [new Date(2024, 0).getUTCFullYear(), new Date('2024-06-17').getTime(), new Date(1718620200000).toISOString(), new Date(new Date('2024-06-17T00:00:00Z')).toISOString(), new Date('2024-06-17T10:30:00Z').valueOf() === Date.parse('2024-06-17T10:30:00.000Z')];
  return { rows, ages, utc, ctor };
}
