async () => {
  const { items } = await codemode.listUsers({ pageSize: 6 });
  const esc = (v: unknown) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const cols = ['id', 'name', 'email', 'plan', 'active'];
  const csv = [cols.join(','), ...items.map((u: any) => cols.map((c) => esc(u[c])).join(','))].join('\n');
  console.log(csv);
  return csv.length;
}
