const EMAIL = /^\s*(?:"?(?<name>[^"<]*?)"?\s*<)?(?<local>[A-Za-z0-9._%+-]+)@(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})>?\s*$/;

function normalize(raw: string) {
  const m = raw.match(EMAIL);
  if (!m || !m.groups) return null;
  const { name, local, domain } = m.groups;
  const d = domain.toLowerCase();
  // Gmail ignores dots and +tags; other providers only +tags are stripped.
  let l = local.toLowerCase().replace(/\+.*$/, '');
  if (d === 'gmail.com' || d === 'googlemail.com') l = l.replace(/\./g, '');
  return { name: name?.trim() || null, email: `${l}@${d === 'googlemail.com' ? 'gmail.com' : d}`, domain: d };
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 6 });
  const rawList = [
    ...items.map((u: any) => `"${u.name}" <${u.email.toUpperCase()}>`),
    'Jane.Doe+newsletter@Gmail.com',
    'janedoe@googlemail.com',
    '  bob@sub.example.co.uk ',
    'not-an-email',
    'x@y',
    'Ops Team <ops+alerts@example.com>',
    'ops@example.com',
  ];
  const seen = new Map<string, string[]>();
  const invalid: string[] = [];
  for (const raw of rawList) {
    const n = normalize(raw);
    if (!n) { invalid.push(raw); continue; }
    seen.set(n.email, [...(seen.get(n.email) ?? []), raw.trim()]);
  }
  const dupes = [...seen].filter(([, v]) => v.length > 1).map(([k, v]) => ({ email: k, sources: v.length }));
  const domains = Object.entries([...seen.keys()].reduce<Record<string, number>>((acc, e) => {
    const d = e.split('@')[1];
    acc[d] = (acc[d] ?? 0) + 1;
    return acc;
  }, {})).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const masked = [...seen.keys()].slice(0, 3).map((e) => e.replace(/^(.)(.*)(.@)/, (_, a, mid, b) => a + '*'.repeat(mid.length) + b));
  console.log(`${seen.size} unique, ${invalid.length} invalid, ${dupes.length} duplicates`);
  return { unique: [...seen.keys()], invalid, dupes, domains, masked, names: rawList.map((r) => normalize(r)?.name ?? null) };
}
